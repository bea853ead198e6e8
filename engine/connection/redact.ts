// Keeps a become password out of results, even when a command prints it.

// Short strings would mangle ordinary output; a password that short is no secret anyway.
const MIN_REDACTED_LENGTH = 4;

/** Replaces a become password wherever a command echoed it. */
export function redactor(secret: string | undefined): (text: string) => string {
  if (secret === undefined || secret.length < MIN_REDACTED_LENGTH) return (t) => t;
  return (t) => t.split(secret).join('********');
}

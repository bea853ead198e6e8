// The one place that turns argv into a shell string. Every remote command
// goes through shellJoin, so no value is ever parsed by a shell as syntax.

// Words made only of these need no quotes in any POSIX shell position. No `=`:
// an unquoted `A=b` as the first word would be an assignment, not a command.
const SAFE = /^[A-Za-z0-9_\-+.,/:@%]+$/;

/** POSIX single-quoting: 'it'"'"'s' style, so nothing inside is special. */
export function shellQuote(s: string): string {
  if (s.includes('\0')) throw new TypeError('shell arguments cannot contain NUL bytes');
  if (SAFE.test(s)) return s;
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

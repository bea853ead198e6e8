// POSIX shell quoting: one single-quoted word that the shell reads back as exactly the input.
// Inside '…' nothing is special except the closing quote, so each ' becomes '"'"' (close, a
// double-quoted quote, reopen). Newlines, $, `, \ and ! need nothing.

export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

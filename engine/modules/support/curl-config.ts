// curl reads its options from a config file on stdin (`curl -K -`): how uri and get_url keep a
// URL, headers and credentials out of the host's process list.

/** A curl config value: double-quoted with curl's escapes. */
export function quoteConfig(v: string): string {
  return `"${v.replace(/[\\"\t\n\r\v]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\v': '\\v' })[c] ?? c)}"`;
}

/** `name = "value"` lines, one per entry, each value quoted. */
export function configLines(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([name, value]) => `${name} = ${quoteConfig(value)}\n`).join('');
}

// Ansible's `k=v` shorthand (split_args and parse_kv): `copy: src=a.conf dest=/etc/a.conf mode=0644`,
// and free-form commands (`command: ls -l chdir=/tmp`) whose special k=v tokens are pulled out of
// the command line. A token's key is read from its text as written, as parse_kv does: `"a=b"` is
// a quoted word, not a key.

export type KvResult =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; message: string; offset: number };

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Splits on whitespace outside quotes; quotes are removed from the token text. */
export function splitArgs(s: string): Token[] | { message: string; offset: number } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s.charAt(i))) i++;
    if (i >= s.length) break;
    const start = i;
    let text = '';
    let quote: string | undefined;
    let quoteAt = 0;
    for (; i < s.length; i++) {
      const c = s.charAt(i);
      if (quote) {
        if (c === '\\' && quote === '"' && i + 1 < s.length) text += s.charAt(++i);
        else if (c === quote) quote = undefined;
        else text += c;
      } else if (c === '"' || c === "'") {
        quote = c;
        quoteAt = i;
      } else if (/\s/.test(c)) break;
      else text += c;
    }
    if (quote) return { message: `unterminated ${quote} quote`, offset: quoteAt };
    tokens.push({ text, start, end: i });
  }
  return tokens;
}

/** Parses a k=v string for modules without a free-form argument. */
export function parseKvArgs(s: string): KvResult {
  const tokens = splitArgs(s);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  const args: Record<string, unknown> = {};
  for (const t of tokens) {
    const key = keyOf(s, t);
    if (key === undefined) return { ok: false, message: `expected key=value, found '${t.text}'`, offset: t.start };
    args[key] = valueOf(t, key);
  }
  return { ok: true, args };
}

/**
 * Free-form modules: tokens `key=value` whose key is one of `special` become arguments, the rest of
 * the text (verbatim, original quoting kept) is the free-form value.
 */
export function parseFreeForm(s: string, freeKey: string, special: ReadonlySet<string>): KvResult {
  const tokens = splitArgs(s);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  const args: Record<string, unknown> = {};
  let rest = '';
  let last = 0;
  for (const t of tokens) {
    const key = keyOf(s, t);
    if (key !== undefined && special.has(key)) {
      args[key] = valueOf(t, key);
      rest += s.slice(last, t.start);
      last = t.end;
    }
  }
  rest += s.slice(last);
  const free = rest.trim();
  if (free !== '') args[freeKey] = free;
  return { ok: true, args };
}

/** The key of a `key=value` token, read from the text as written (quotes kept). */
function keyOf(s: string, t: Token): string | undefined {
  return KEY.exec(s.slice(t.start, t.end))?.[1];
}

/** The value after `key=`, with its quotes removed. */
function valueOf(t: Token, key: string): string {
  return t.text.slice(key.length + 1);
}

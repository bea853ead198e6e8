// Ansible's `k=v` shorthand: `copy: src=a.conf dest=/etc/a.conf mode=0644`, and free-form commands
// (`command: ls -l chdir=/tmp`) whose special k=v tokens are pulled out of the command line.

export type KvResult =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; message: string; offset: number };

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

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
    const m = KEY.exec(t.text);
    if (!m) return { ok: false, message: `expected key=value, found '${t.text}'`, offset: t.start };
    args[m[1] ?? ''] = m[2] ?? '';
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
    const m = KEY.exec(t.text);
    const key = m?.[1];
    if (m && key !== undefined && special.has(key)) {
      args[key] = m[2] ?? '';
      rest += s.slice(last, t.start);
      last = t.end;
    }
  }
  rest += s.slice(last);
  const free = rest.trim();
  if (free !== '') args[freeKey] = free;
  return { ok: true, args };
}

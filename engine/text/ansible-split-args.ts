// Ansible's split_args and join_args (lib/ansible/parsing/splitter.py, 2.14), ported line for line:
// split on newlines, then on single spaces, and glue back the pieces that fall inside quotes or
// inside `{{ }}`, `{% %}` and `{# #}`. Quotes and backslashes stay in the words, as in Ansible.

/** A word of the argument string, with where it starts in the string. */
export interface ArgWord {
  text: string;
  readonly start: number;
}

export type SplitResult = { ok: true; words: ArgWord[] } | { ok: false; message: string; offset: number };

/**
 * The quote still open after `token`, given the one open before it (_get_quote_state), and where
 * in the token it was opened (for errors).
 */
function quoteState(token: string, open: string | undefined): { quote: string | undefined; at: number } {
  let quote = open;
  let at = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charAt(i);
    if ((c === '"' || c === "'") && (i === 0 || token.charAt(i - 1) !== '\\')) {
      if (quote === undefined) [quote, at] = [c, i];
      else if (c === quote) quote = undefined;
    }
  }
  return { quote, at };
}

/** Non-overlapping occurrences, as Python's str.count. */
function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

/** The nesting depth of one Jinja delimiter pair after `token` (_count_jinja2_blocks). */
function jinjaDepth(token: string, depth: number, open: string, close: string): number {
  const opened = count(token, open);
  const closed = count(token, close);
  return opened === closed ? depth : Math.max(0, depth + opened - closed);
}

/** Joins words as join_args does: a space between them, none after a newline. */
export function joinArgs(words: readonly string[]): string {
  let out = '';
  for (const w of words) out += out === '' || out.endsWith('\n') ? w : ' ' + w;
  return out;
}

export function splitArgs(args: string): SplitResult {
  const params: ArgWord[] = [];
  // Where Python would index params[-1] of an empty list (IndexError in parse_kv).
  const last = (at: number): ArgWord | { message: string; offset: number } =>
    params[params.length - 1] ?? { message: 'unable to parse argument string (leading blanks)', offset: at };
  let quote: string | undefined;
  let inside = false;
  let opened = 0; // where the unbalanced quote or block began, for the error
  const depth = { print: 0, block: 0, comment: 0 };
  const items = args.split('\n');
  let lineStart = 0;
  for (let itemIdx = 0; itemIdx < items.length; itemIdx++) {
    const item = items[itemIdx] ?? '';
    const tokens = item.split(' ');
    let continuation = false;
    let at = lineStart;
    for (let idx = 0; idx < tokens.length; at += (tokens[idx] ?? '').length + 1, idx++) {
      const token = tokens[idx] ?? '';
      if (token.length === 0 && idx !== 0) {
        const p = last(at);
        if (!('text' in p)) return { ok: false, ...p };
        p.text += ' ';
        continue;
      }
      if (token === '\\' && !inside) {
        continuation = true;
        continue;
      }
      const wasInside = inside;
      const state = quoteState(token, quote);
      quote = state.quote;
      inside = quote !== undefined;
      const inBlock = (): boolean => depth.print > 0 || depth.block > 0 || depth.comment > 0;
      let appended = false;
      if (inside && !wasInside && !inBlock()) {
        params.push({ text: token, start: at });
        opened = at + state.at;
        appended = true;
      } else if (inBlock() || inside || wasInside) {
        const p = last(at);
        if (!('text' in p)) return { ok: false, ...p };
        if (idx === 0 && wasInside) p.text += token;
        else if (tokens.length > 1) p.text += (idx > 0 ? ' ' : '') + token;
        else p.text += '\n' + token;
        appended = true;
      }
      for (const [key, open, close] of [['print', '{{', '}}'], ['block', '{%', '%}'], ['comment', '{#', '#}']] as const) {
        const before = depth[key];
        depth[key] = jinjaDepth(token, before, open, close);
        if (depth[key] !== before && !appended) {
          params.push({ text: token, start: at });
          opened = at;
          appended = true;
        }
      }
      if (!inBlock() && !inside && !appended && token !== '') params.push({ text: token, start: at });
    }
    if (items.length > 1 && itemIdx !== items.length - 1 && !continuation) {
      const p = last(lineStart + item.length);
      if (!('text' in p)) return { ok: false, ...p };
      p.text += '\n';
    }
    lineStart += item.length + 1;
  }
  if (depth.print > 0 || depth.block > 0 || depth.comment > 0 || inside) {
    const what = inside ? `unterminated ${quote ?? ''} quote` : 'unbalanced Jinja block';
    return { ok: false, message: `${what}: quote the whole value or close it`, offset: opened };
  }
  return { ok: true, words: params };
}

// Ansible's `k=v` shorthand: parse_kv (lib/ansible/parsing/splitter.py, 2.14) ported over
// splitArgs. `copy: src=a.conf dest=/etc/a.conf mode=0644`, and free-form commands
// (`command: ls -l chdir=/tmp`) whose option words are pulled out of the command line.
import { decodeEscapes } from './ansible-escapes.js';
import { joinArgs, splitArgs, type ArgWord } from './ansible-split-args.js';

export type KvResult =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; message: string; offset: number };

/** The options parse_kv pulls out of a command/shell/script/raw line when check_raw is on. */
export const CHECK_RAW_KEYS: ReadonlySet<string> = new Set([
  'creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends',
]);

/** Options and the words that are not options, as parse_kv sorts them. */
export type ParsedKv =
  | { ok: true; options: Map<string, string>; raw: ArgWord[] }
  | { ok: false; message: string; offset: number };

// Python's str.strip() whitespace (JS's trim() differs on \x1c-\x1f, \x85 and \ufeff).
const PY_SPACE = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');
const pyStrip = (s: string): string => s.replace(PY_STRIP, '');

/** parsing/quoting.py's unquote: drop one matching pair of outer quotes. */
function unquote(s: string): string {
  const q = s.charAt(0);
  const quoted = s.length > 1 && (q === '"' || q === "'") && s.charAt(s.length - 1) === q && s.charAt(s.length - 2) !== '\\';
  return quoted ? s.slice(1, -1) : s;
}

/** The first `=` not preceded by a backslash, searching from the second character, or -1. */
function splitPoint(x: string): number {
  let pos = 0;
  for (;;) {
    pos = x.indexOf('=', pos + 1);
    if (pos < 0 || x.charAt(pos - 1) !== '\\') return pos;
  }
}

/** parse_kv: `checkRaw` is the set of keys kept as options; every other word is raw. */
export function parseKv(s: string, checkRaw?: ReadonlySet<string>): ParsedKv {
  const split = splitArgs(s);
  if (!split.ok) return split;
  const options = new Map<string, string>();
  const raw: ArgWord[] = [];
  for (const word of split.words) {
    const decoded = decodeEscapes(word.text);
    if (!decoded.ok) return { ok: false, message: decoded.message, offset: word.start };
    const x = decoded.text;
    if (!x.includes('=')) {
      raw.push(word);
      continue;
    }
    const pos = splitPoint(x);
    // Only escaped `=`: a raw word, with its escapes decoded and `\=` unescaped, as Ansible does.
    if (pos < 0) raw.push({ text: x.replace(/\\=/g, '='), start: word.start });
    else if (checkRaw && !checkRaw.has(x.slice(0, pos))) raw.push(word);
    else options.set(pyStrip(x.slice(0, pos)), unquote(pyStrip(x.slice(pos + 1))));
  }
  return { ok: true, options, raw };
}

/** Parses a k=v string for modules without a free-form argument: every word must be `key=value`. */
export function parseKvArgs(s: string): KvResult {
  const r = parseKv(s);
  if (!r.ok) return r;
  const extra = r.raw[0];
  if (extra) return { ok: false, message: `expected key=value, found '${extra.text}'`, offset: extra.start };
  return { ok: true, args: Object.fromEntries(r.options) };
}

/**
 * Free-form modules: the words that are not options, joined as join_args does, are the free-form
 * value (`_raw_params` in Ansible). With `checkRaw` only those keys are options (command, shell,
 * script, raw); without it every `key=value` word is (meta and the like).
 */
export function parseFreeForm(s: string, freeKey: string, checkRaw?: ReadonlySet<string>): KvResult {
  const r = parseKv(s, checkRaw);
  if (!r.ok) return r;
  const args: Record<string, unknown> = Object.fromEntries(r.options);
  if (r.raw.length > 0) args[freeKey] = joinArgs(r.raw.map((w) => w.text));
  return { ok: true, args };
}

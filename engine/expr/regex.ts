// Regular expressions for the `match`/`search`/`regex` tests. Patterns use
// Python's `re` syntax; the few constructs that differ from JavaScript are
// translated. Both the pattern and the tested string are length-capped:
// backtracking cost grows with input size, and the tested text is often
// command output from a remote host.

import { fail } from './errors.js';
import { findNestedRepetition } from './regex-safety.js';

export const MAX_PATTERN_LENGTH = 1_000;
export const MAX_SUBJECT_LENGTH = 100_000;
const CACHE_LIMIT = 256;

export type RegexMode = 'match' | 'search';

const cache = new Map<string, RegExp>();

export function regexTest(subject: string, pattern: string, mode: RegexMode, ignorecase: boolean, multiline: boolean, offset: number): boolean {
  if (subject.length > MAX_SUBJECT_LENGTH) {
    fail('EXPR_TYPE', `string is too long for a regex test (${subject.length} characters, limit ${MAX_SUBJECT_LENGTH})`, offset,
      "use the `in` operator for a plain substring check, which has no limit");
  }
  const re = compile(pattern, mode === 'match', ignorecase, multiline, offset);
  re.lastIndex = 0;
  return re.exec(subject) !== null;
}

function compile(pattern: string, anchored: boolean, ignorecase: boolean, multiline: boolean, offset: number): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    fail('EXPR_TYPE', `regular expression is too long (${pattern.length} characters, limit ${MAX_PATTERN_LENGTH})`, offset);
  }
  const key = `${anchored ? 'y' : ''}${ignorecase ? 'i' : ''}${multiline ? 'm' : ''}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const nested = findNestedRepetition(pattern);
  if (nested >= 0) {
    fail('EXPR_TYPE', `regular expression may take exponential time: nested repetition at character ${nested} of the pattern`, offset,
      'repeat only the inner item, e.g. write a+ instead of (a+)+');
  }
  const { source, flags } = translate(pattern, multiline, offset);
  let re: RegExp;
  try {
    // `y` (sticky) anchors the match at index 0, which is what Python's
    // re.match does; re.search scans.
    const all = flags + (anchored ? 'y' : '') + (ignorecase ? 'i' : '') + (multiline ? 'm' : '');
    re = new RegExp(source, [...new Set(all)].join(''));
  } catch (e) {
    return fail('EXPR_TYPE', `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`, offset);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, re);
  return re;
}

// Python → JavaScript: (?P<n>…) → (?<n>…), (?P=n) → \k<n>, \A and \Z → absolute
// start/end, a leading global flag group such as (?im) → RegExp flags, and
// Python's `$` (end, or before a final newline) outside multiline mode.
function translate(pattern: string, multilineArg: boolean, offset: number): { source: string; flags: string } {
  let flags = '';
  let rest = pattern;
  const lead = /^\(\?([aiLmsux]+)\)/.exec(rest);
  if (lead) {
    const letters = lead[1] ?? '';
    if (letters.includes('x') || letters.includes('L')) fail('EXPR_TYPE', `unsupported regex flag in '${lead[0]}'`, offset);
    flags = letters.replace(/[au]/g, '');
    rest = rest.slice(lead[0].length);
  }
  const multiline = multilineArg || flags.includes('m');
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest.charAt(i);
    if (ch === '\\') {
      const next = rest.charAt(i + 1);
      i++;
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?![\\s\\S])';
      else out += ch + next;
    } else if (inClass) {
      out += ch;
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      // A `]` (or `^]`) right after `[` is a literal in Python.
      const lit = /^\^?\]/.exec(rest.slice(i + 1));
      if (lit) {
        out += lit[0].replace(']', '\\]');
        i += lit[0].length;
      }
    } else if (rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (rest.startsWith('(?P=', i)) {
      const close = rest.indexOf(')', i);
      if (close < 0) fail('EXPR_TYPE', 'invalid regular expression: unterminated (?P=', offset);
      out += `\\k<${rest.slice(i + 4, close)}>`;
      i = close;
    } else if (ch === '$' && !multiline) {
      out += '(?=\\n?(?![\\s\\S]))';
    } else {
      out += ch;
    }
  }
  return { source: out, flags };
}

// Python 3.11's fnmatch.translate, ported line by line, for JavaScript regular expressions: `*`,
// `?`, `[seq]`, `[!seq]` (a `]` first in the set is literal, ranges, reversed ranges dropped), an
// unclosed `[` is literal, everything else matches itself. Ansible matches inventory patterns and
// apt version wildcards this way. Matching is case-sensitive (fnmatchcase, as on POSIX).

/** Flags the translated source needs: `.` matches newlines (Python's `(?s:)`), code points. */
export const FNMATCH_FLAGS = 'su';

const STAR = null;
type Piece = string | typeof STAR;

/** The regular-expression source of a glob, anchored at both ends; compile with FNMATCH_FLAGS. */
export function fnmatchTranslate(pat: string): string {
  const res: Piece[] = [];
  const n = pat.length;
  let i = 0;
  while (i < n) {
    const c = pat.charAt(i);
    i++;
    if (c === '*') {
      // Consecutive stars are one.
      if (res.length === 0 || res[res.length - 1] !== STAR) res.push(STAR);
    } else if (c === '?') res.push('.');
    else if (c === '[') {
      let j = i;
      if (j < n && pat[j] === '!') j++;
      if (j < n && pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) res.push('\\[');
      else {
        res.push(bracket(pat, i, j));
        i = j + 1;
      }
    } else res.push(escapeLiteral(c));
  }
  return `^(?:${joinStars(res)})$`;
}

/** A compiled glob; see fnmatchTranslate. */
export function fnmatchRegExp(pat: string): RegExp {
  return new RegExp(fnmatchTranslate(pat), FNMATCH_FLAGS);
}

/** Python's fnmatch.fnmatchcase(name, pat). */
export function fnmatch(name: string, pat: string): boolean {
  return fnmatchRegExp(pat).test(name);
}

/** The set `pat[i..j)` (after `[`, before its `]`) as a regular expression. */
function bracket(pat: string, start: number, j: number): string {
  let i = start;
  let stuff: string;
  if (!pat.slice(i, j).includes('-')) stuff = pat.slice(i, j).replaceAll('\\', '\\\\');
  else {
    const chunks: string[] = [];
    let k = pat[i] === '!' ? i + 2 : i + 1;
    for (;;) {
      k = k < j ? pat.indexOf('-', k) : -1;
      if (k < 0 || k >= j) break;
      chunks.push(pat.slice(i, k));
      i = k + 1;
      k = k + 3;
    }
    const chunk = pat.slice(i, j);
    if (chunk !== '') chunks.push(chunk);
    else chunks[chunks.length - 1] += '-';
    // Remove empty ranges (z-a): invalid in a regular expression.
    for (let m = chunks.length - 1; m > 0; m--) {
      const before = chunks[m - 1] ?? '';
      const after = chunks[m] ?? '';
      if (before.slice(-1) > after.charAt(0)) {
        chunks[m - 1] = before.slice(0, -1) + after.slice(1);
        chunks.splice(m, 1);
      }
    }
    // Hyphens that make ranges stay; literal ones are escaped.
    stuff = chunks.map((s) => s.replaceAll('\\', '\\\\').replaceAll('-', '\\-')).join('-');
  }
  if (stuff === '') return '(?!)'; // an empty set never matches
  if (stuff === '!') return '.'; // a negated empty set matches any character
  // JavaScript differs from Python here: a `]` first in a set would close it, and `[` is special
  // in a set under the u flag, so both are escaped.
  const negated = stuff.startsWith('!');
  const body = (negated ? stuff.slice(1) : stuff).replace(/[[\]]/g, '\\$&');
  return negated ? `[^${body}]` : `[${body.startsWith('^') ? `\\${body}` : body}]`;
}

/**
 * Star handling as Python's: fixed text at the start as is; each interior `*fixed` matches the
 * shortest run up to `fixed` with no backtracking (Python's atomic group, written as a lookahead
 * and a backreference, which JavaScript lacks); a final `*` is `.*`.
 */
function joinStars(pieces: readonly Piece[]): string {
  let out = '';
  let i = 0;
  const n = pieces.length;
  while (i < n && pieces[i] !== STAR) out += pieces[i++] ?? '';
  let group = 0;
  while (i < n) {
    i++; // the star
    if (i === n) {
      out += '.*';
      break;
    }
    let fixed = '';
    while (i < n && pieces[i] !== STAR) fixed += pieces[i++] ?? '';
    if (i === n) out += `.*${fixed}`;
    else {
      group++;
      out += `(?=(?<g${group}>.*?${fixed}))\\k<g${group}>`;
    }
  }
  return out;
}

/** A literal character: escaped only where a u-flag expression allows an escape. */
function escapeLiteral(c: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

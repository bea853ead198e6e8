// Tokenizer for condition expressions. Works on a slice [start, end) of the
// source so that offsets stay relative to the original string even when the
// parser strips a surrounding `{{ }}`.

import { fail } from './errors.js';

export type TokenKind = 'name' | 'string' | 'int' | 'float' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Name text, operator text, or the decoded string literal. */
  readonly text: string;
  readonly offset: number;
  /** Numeric value of int/float tokens. */
  readonly num?: number;
}

// Longest operators first so `//` wins over `/` and `<=` over `<`.
const OPERATORS = ['==', '!=', '<=', '>=', '//', '**', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '|', '+', '-', '*', '/', '%', '~', '='];

// Common spellings from other languages, mapped to what to write instead.
const FOREIGN_OPERATORS: readonly (readonly [string, string])[] = [
  ['&&', 'use `and`'],
  ['||', 'use `or`'],
  ['!', 'use `not` (or `!=` for inequality)'],
  ['{%', 'conditions are bare expressions; Jinja statements such as {% if %} are not allowed'],
];

const NAME_RE = /[\p{L}_][\p{L}\p{N}_]*/uy;
const INT_RE = /\d(?:_?\d)*/y;
const FLOAT_RE = /\d(?:_?\d)*(?:\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|[eE][+-]?\d(?:_?\d)*)/y;
const SPACE_RE = /\s+/y;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '0': '\0', '\n': '',
};

export function tokenize(src: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let pos = start;
  while (pos < end) {
    SPACE_RE.lastIndex = pos;
    const space = SPACE_RE.exec(src);
    if (space) {
      pos += space[0].length;
      continue;
    }
    const ch = src.charAt(pos);
    const prev = tokens[tokens.length - 1];
    if (ch === "'" || ch === '"') {
      const [text, next] = readString(src, pos, end);
      tokens.push({ kind: 'string', text, offset: pos });
      pos = next;
    } else if (ch >= '0' && ch <= '9') {
      // After a dot only an integer is allowed, so `item.0.1` is two lookups.
      const afterDot = prev?.kind === 'op' && prev.text === '.';
      const float = afterDot ? null : matchAt(FLOAT_RE, src, pos, end);
      const text = float ?? matchAt(INT_RE, src, pos, end) ?? ch;
      const num = Number(text.replaceAll('_', ''));
      tokens.push({ kind: float ? 'float' : 'int', text, offset: pos, num });
      pos += text.length;
    } else {
      const name = matchAt(NAME_RE, src, pos, end);
      if (name !== null) {
        tokens.push({ kind: 'name', text: name, offset: pos });
        pos += name.length;
        continue;
      }
      for (const [op, hint] of FOREIGN_OPERATORS) {
        if (src.startsWith(op, pos) && !src.startsWith('!=', pos) && pos + op.length <= end) fail('EXPR_SYNTAX', `unexpected '${op}'`, pos, hint);
      }
      const op = OPERATORS.find((o) => src.startsWith(o, pos) && pos + o.length <= end);
      if (op === undefined) fail('EXPR_SYNTAX', `unexpected character ${JSON.stringify(ch)}`, pos);
      if (op === '**') fail('EXPR_SYNTAX', "the power operator '**' is not supported", pos);
      tokens.push({ kind: 'op', text: op, offset: pos });
      pos += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: end });
  return tokens;
}

function matchAt(re: RegExp, src: string, pos: number, end: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(src);
  if (!m || pos + m[0].length > end) return null;
  return m[0];
}

// Python-style string literal: the usual escapes, \xhh, \uhhhh, \Uhhhhhhhh;
// an unknown escape keeps its backslash, so regexes like '\d+' work unescaped.
function readString(src: string, open: number, end: number): [string, number] {
  const quote = src.charAt(open);
  let out = '';
  let pos = open + 1;
  while (pos < end) {
    const ch = src.charAt(pos);
    if (ch === quote) return [out, pos + 1];
    if (ch !== '\\') {
      out += ch;
      pos++;
      continue;
    }
    if (pos + 1 >= end) break;
    const esc = src.charAt(pos + 1);
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      out += simple;
      pos += 2;
      continue;
    }
    const width = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
    if (width === 0) {
      out += '\\' + esc;
      pos += 2;
      continue;
    }
    const hex = src.slice(pos + 2, Math.min(pos + 2 + width, end));
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
    if (!(code <= 0x10ffff)) fail('EXPR_SYNTAX', `invalid \\${esc} escape in string`, pos);
    out += String.fromCodePoint(code);
    pos += 2 + width;
  }
  return fail('EXPR_SYNTAX', 'unterminated string', open, `close the string with ${quote}`);
}

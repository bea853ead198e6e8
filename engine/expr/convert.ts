// Conversions behind the `bool`, `int` and `float` filters, matching Ansible
// and Jinja (which follow Python's int() and float() parsing).

import { kindOf } from './values.js';

const TRUE_WORDS: ReadonlySet<string> = new Set(['yes', 'on', '1', 'true']);

/** Ansible's `bool`: true, 1, and the strings yes/on/1/true (any case) are true; all else false. */
export function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return TRUE_WORDS.has(v.toLowerCase());
  return v === 1;
}

/** Jinja's `int`: parse or truncate, falling back to `fallback` (default 0). */
export function toInt(v: unknown, fallback: unknown, base: number): unknown {
  switch (kindOf(v)) {
    case 'boolean': return v ? 1 : 0;
    case 'number': return Number.isFinite(v) ? Math.trunc(v as number) : fallback;
    case 'string': {
      const parsed = parsePythonInt(v as string, base);
      if (parsed !== undefined) return parsed;
      // "42.23" | int is 42, as in Jinja.
      const f = parsePythonFloat(v as string);
      return f !== undefined && Number.isFinite(f) ? Math.trunc(f) : fallback;
    }
    default: return fallback;
  }
}

/** Jinja's `float`: parse, falling back to `fallback` (default 0.0). */
export function toFloat(v: unknown, fallback: unknown): unknown {
  switch (kindOf(v)) {
    case 'boolean': return v ? 1 : 0;
    case 'number': return v;
    case 'string': return parsePythonFloat(v as string) ?? fallback;
    default: return fallback;
  }
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const PREFIXES: Readonly<Record<string, number>> = { '0x': 16, '0o': 8, '0b': 2 };

export function parsePythonInt(text: string, base: number): number | undefined {
  if (!Number.isInteger(base) || base < 2 || base > 36) return undefined;
  let s = text.trim().toLowerCase();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  const prefixBase = PREFIXES[s.slice(0, 2)];
  if (prefixBase === base) s = s.slice(2).replace(/^_/, '');
  if (s === '' || s.startsWith('_') || s.endsWith('_') || s.includes('__')) return undefined;
  let n = 0;
  for (const ch of s.replaceAll('_', '')) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return undefined;
    n = n * base + d;
  }
  return sign * n;
}

const FLOAT_RE = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:e[+-]?\d(?:_?\d)*)?$/i;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

export function parsePythonFloat(text: string): number | undefined {
  const s = text.trim();
  const special = SPECIAL_RE.exec(s);
  if (special) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return FLOAT_RE.test(s) ? Number(s.replaceAll('_', '')) : undefined;
}

// The filters usable after `|`. A filter receives the evaluated value
// (possibly Undefined, only for `default`) and its bound arguments.

import type { Param } from './args.js';
import { toBool, toFloat, toInt } from './convert.js';
import { fail } from './errors.js';
import { isUndefined, Undefined } from './undefined.js';
import { isMapping, kindOf, pyStr, pythonTruthy, typeName } from './values.js';

export interface FilterDef {
  readonly params: readonly Param[];
  /** Only `default` may look at an undefined value. */
  readonly acceptsUndefined?: true;
  run(value: unknown, args: readonly unknown[], offset: number): unknown;
}

const NO_PARAMS: readonly Param[] = [];

function simple(run: (value: unknown, offset: number) => unknown): FilterDef {
  return { params: NO_PARAMS, run: (v, _args, offset) => run(v, offset) };
}

/** Python iteration order: characters of a string, items of a list, keys of a mapping. */
function items(v: unknown, offset: number, what: string): readonly unknown[] {
  if (typeof v === 'string') return Array.from(v);
  if (Array.isArray(v)) return v as readonly unknown[];
  if (isMapping(v)) return Object.keys(v);
  return fail('EXPR_TYPE', `${what}: '${typeName(v)}' object is not iterable`, offset);
}

function length(v: unknown, offset: number): number {
  if (typeof v === 'string') {
    let n = 0;
    for (const _ of v) n++;
    return n;
  }
  if (Array.isArray(v)) return v.length;
  if (isMapping(v)) return Object.keys(v).length;
  return fail('EXPR_TYPE', `object of type '${typeName(v)}' has no length`, offset);
}

function end(which: 'first' | 'last'): FilterDef {
  return simple((v, offset) => {
    const all = items(v, offset, which);
    const item = which === 'first' ? all[0] : all[all.length - 1];
    if (all.length === 0) return new Undefined(`no ${which} item, the ${typeName(v)} is empty`, offset);
    return item === undefined ? null : item;
  });
}

// Python's str.strip(chars): remove any of `chars` from both ends.
function strip(s: string, chars: unknown, offset: number): string {
  if (chars === null) return s.trim();
  if (typeof chars !== 'string') return fail('EXPR_TYPE', `trim characters must be a string, got ${typeName(chars)}`, offset);
  const set = new Set(Array.from(chars));
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && set.has(cps[a] ?? '')) a++;
  while (b > a && set.has(cps[b - 1] ?? '')) b--;
  return cps.slice(a, b).join('');
}

const defaultFilter: FilterDef = {
  params: [{ name: 'default_value', default: '' }, { name: 'boolean', default: false }],
  acceptsUndefined: true,
  run: (v, [fallback, boolean]) => (isUndefined(v) || (pythonTruthy(boolean) && !pythonTruthy(v)) ? fallback : v),
};
const lengthFilter = simple(length);

export const FILTERS: ReadonlyMap<string, FilterDef> = new Map<string, FilterDef>([
  ['bool', simple(toBool)],
  ['int', {
    params: [{ name: 'default', default: 0 }, { name: 'base', default: 10 }],
    run: (v, [fallback, base], offset) => {
      if (typeof base !== 'number' || !Number.isInteger(base) || base < 2 || base > 36) {
        fail('EXPR_TYPE', 'int base must be an integer from 2 to 36', offset);
      }
      return toInt(v, fallback, base);
    },
  }],
  ['float', { params: [{ name: 'default', default: 0 }], run: (v, [fallback]) => toFloat(v, fallback) }],
  ['string', simple(pyStr)],
  ['length', lengthFilter],
  ['count', lengthFilter],
  ['lower', simple((v) => pyStr(v).toLowerCase())],
  ['upper', simple((v) => pyStr(v).toUpperCase())],
  ['trim', { params: [{ name: 'chars', default: null }], run: (v, [chars], offset) => strip(pyStr(v), chars, offset) }],
  ['default', defaultFilter],
  ['d', defaultFilter],
  ['first', end('first')],
  ['last', end('last')],
  ['list', simple((v, offset) => (kindOf(v) === 'list' ? [...(v as unknown[])] : [...items(v, offset, 'list')]))],
]);

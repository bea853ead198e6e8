// Attribute and index lookup with Jinja's forgiving rules: a missing key, an
// out-of-range index or an attribute of None yields an Undefined (an error
// only once it is actually used), never an exception. Only own properties are
// visible, so nothing on Object.prototype can be reached.

import { closest } from '../errors/suggest.js';
import { Undefined } from './undefined.js';
import { isMapping, kindOf, typeName } from './values.js';

export function getAttr(target: unknown, name: string, offset: number): unknown {
  if (target instanceof Undefined) return target;
  if (isMapping(target)) return getKey(target, name, offset, `'dict object' has no attribute '${name}'`);
  return new Undefined(`${describeTarget(target)} has no attribute '${name}'`, offset);
}

export function getItem(target: unknown, index: unknown, offset: number): unknown {
  if (target instanceof Undefined) return target;
  const kind = kindOf(target);
  if (kind === 'mapping' && isMapping(target)) {
    // Keys are strings in JavaScript; an integer index finds YAML keys like `1:`.
    if (typeof index === 'string' || (typeof index === 'number' && Number.isInteger(index))) {
      const key = String(index);
      return getKey(target, key, offset, `'dict object' has no key ${JSON.stringify(key)}`);
    }
  } else if (kind === 'list' || kind === 'string') {
    if (typeof index === 'number' && Number.isInteger(index)) {
      const seq: readonly unknown[] = typeof target === 'string' ? Array.from(target) : (target as readonly unknown[]);
      const i = index < 0 ? seq.length + index : index;
      if (i >= 0 && i < seq.length) return normalise(seq[i]);
      return new Undefined(`${describeTarget(target)} has no element ${index} (length ${seq.length})`, offset);
    }
  }
  return new Undefined(`${describeTarget(target)} has no item ${index === null ? 'None' : JSON.stringify(index)}`, offset);
}

function getKey(map: Readonly<Record<string, unknown>>, key: string, offset: number, message: string): unknown {
  if (Object.hasOwn(map, key)) return normalise(map[key]);
  return new Undefined(message, offset, () => {
    const guess = closest(key, Object.keys(map));
    return guess === undefined ? undefined : `did you mean '${guess}'?`;
  });
}

// A JavaScript `undefined` stored in data is a present-but-empty value: None.
function normalise(v: unknown): unknown {
  return v === undefined ? null : v;
}

function describeTarget(v: unknown): string {
  if (v === null || v === undefined) return "'None'";
  return `'${typeName(v)} object'`;
}

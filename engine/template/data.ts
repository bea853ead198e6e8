// Small operations on template data: copying out, equality and truthiness.

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy made of ordinary arrays and objects. Lazy views (variables, hostvars) become plain
 * data, and callers can change the result without touching variables or the input.
 */
export function detach(value: unknown): unknown {
  return mapStrings(value, (s) => s);
}

/**
 * A structural copy in which every string has gone through `renderString`. Shared and circular
 * references are copied once. Other objects (Date, Map, class instances) are kept as they are.
 */
export function mapStrings(value: unknown, renderString: (s: string) => unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return renderString(value);
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(mapStrings(item, renderString, seen));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    // defineProperty: a key named __proto__ stays an ordinary key.
    Object.defineProperty(out, key, {
      value: mapStrings((value as Record<string, unknown>)[key], renderString, seen),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}

/** Same data: primitives by value, lists item by item, dicts key by key. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The truthiness `{{#if}}` uses: false, 0, "", null, undefined, NaN and [] are false. */
export function handlebarsTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

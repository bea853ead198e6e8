// Python/Jinja value semantics over plain JavaScript data (what YAML and
// registered module results produce): truthiness, equality, ordering, and
// str()/repr() text for messages and the `string` filter.

export type Kind = 'none' | 'boolean' | 'number' | 'string' | 'list' | 'mapping' | 'other';

export type Mapping = Readonly<Record<string, unknown>>;

export function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'none';
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
    case 'object': {
      if (Array.isArray(v)) return 'list';
      const proto: unknown = Object.getPrototypeOf(v);
      return proto === Object.prototype || proto === null ? 'mapping' : 'other';
    }
    default: return 'other';
  }
}

export function isMapping(v: unknown): v is Mapping {
  return kindOf(v) === 'mapping';
}

export function isList(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}

/** Python's type name, for messages users of Ansible will recognise. */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'none': return 'NoneType';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) ? 'int' : 'float';
    case 'string': return 'str';
    case 'list': return 'list';
    case 'mapping': return 'dict';
    case 'other': return typeof v === 'object' ? 'object' : typeof v;
  }
}

/** Python truthiness: None, False, 0, '', [] and {} are false. (NaN is true, as in Python.) */
export function pythonTruthy(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'none': return false;
    case 'boolean': return v === true;
    case 'number': return v !== 0;
    case 'string': return v !== '';
    case 'list': return (v as readonly unknown[]).length > 0;
    case 'mapping': return Object.keys(v as Mapping).length > 0;
    case 'other': return true;
  }
}

const MAX_COMPARE_DEPTH = 100;

/** Deep equality. Values of different kinds are never equal (so `true == 1` is false). */
export function equals(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > MAX_COMPARE_DEPTH) throw new RangeError('values are nested too deeply to compare');
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  switch (ka) {
    case 'none': return true;
    case 'list': {
      const la = a as readonly unknown[];
      const lb = b as readonly unknown[];
      return la.length === lb.length && la.every((x, i) => equals(x, lb[i], depth + 1));
    }
    case 'mapping': {
      const ma = a as Mapping;
      const mb = b as Mapping;
      const keys = Object.keys(ma);
      return keys.length === Object.keys(mb).length &&
        keys.every((k) => Object.hasOwn(mb, k) && equals(ma[k], mb[k], depth + 1));
    }
    default: return a === b;
  }
}

/**
 * Python ordering: numbers with numbers, strings with strings (by code point),
 * booleans with booleans, lists element-wise. Returns undefined when the two
 * values cannot be ordered (the caller reports EXPR_TYPE).
 */
export function compare(a: unknown, b: unknown, depth = 0): number | undefined {
  if (depth > MAX_COMPARE_DEPTH) throw new RangeError('values are nested too deeply to compare');
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return undefined;
  switch (ka) {
    case 'number':
    case 'boolean': {
      const na = Number(a);
      const nb = Number(b);
      return na < nb ? -1 : na > nb ? 1 : na === nb ? 0 : NaN;
    }
    case 'string': return compareCodePoints(a as string, b as string);
    case 'list': {
      const la = a as readonly unknown[];
      const lb = b as readonly unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        if (equals(la[i], lb[i], depth + 1)) continue;
        return compare(la[i], lb[i], depth + 1);
      }
      return la.length - lb.length;
    }
    default: return undefined;
  }
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca - cb;
  }
  return a.length - b.length;
}

/** Python str(): strings as-is, everything else as repr(). */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** Python repr(), e.g. ['a', 1, True, None] and {'k': 'v'}. Cycles print as [...]. */
export function pyRepr(v: unknown, seen: Set<unknown> = new Set()): string {
  switch (kindOf(v)) {
    case 'none': return 'None';
    case 'boolean': return v ? 'True' : 'False';
    case 'number': return formatNumber(v as number);
    case 'string': return quoteString(v as string);
    case 'list':
    case 'mapping': {
      if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
      seen.add(v);
      const text = Array.isArray(v)
        ? `[${v.map((x) => pyRepr(x, seen)).join(', ')}]`
        : `{${Object.entries(v as Mapping).map(([k, x]) => `${quoteString(k)}: ${pyRepr(x, seen)}`).join(', ')}}`;
      seen.delete(v);
      return text;
    }
    case 'other': return `<${typeName(v)}>`;
  }
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

function quoteString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
  return quote + (quote === "'" ? body.replaceAll("'", "\\'") : body) + quote;
}

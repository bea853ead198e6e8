// Reading a dotted path (`a.b.c`) out of template data, the way every `{{ … }}` does.
// Only own properties count, so prototypes (constructor, __proto__, toString) are never reached.
import { closest } from '../errors/suggest.js';
import { didYouMean, failure, type Where } from './failure.js';

const MISSING = Symbol('missing');

/** The value of `name` on `parent`, or MISSING. Own properties only; functions never count. */
export function ownValue(parent: unknown, name: string): unknown {
  if (parent === null || parent === undefined) return MISSING;
  if (typeof parent === 'string') {
    if (name === 'length') return parent.length;
    return /^(0|[1-9][0-9]*)$/.test(name) && Number(name) < parent.length ? parent[Number(name)] : MISSING;
  }
  if (typeof parent !== 'object') return MISSING;
  if (!Object.hasOwn(parent, name)) return MISSING;
  const value: unknown = (parent as Record<string, unknown>)[name];
  return typeof value === 'function' ? MISSING : value;
}

export function isMissing(value: unknown): boolean {
  return value === MISSING;
}

/** `a.b.[c d]` for messages. */
export function showPath(prefix: string, names: readonly string[]): string {
  return prefix + names.map((n, i) => (/^[A-Za-z_$][\w$-]*$/.test(n) || /^[0-9]+$/.test(n) ? n : `[${n}]`) + (i < names.length - 1 ? '.' : '')).join('');
}

/** Walks the path; a missing piece gives undefined. Used for helper arguments and conditions. */
export function probePath(base: unknown, names: readonly string[]): unknown {
  let current = base;
  for (const name of names) {
    current = ownValue(current, name);
    if (current === MISSING) return undefined;
  }
  return current;
}

/** Walks the path; a missing piece is an UNDEFINED_VAR naming the whole path, with a hint. */
export function strictPath(base: unknown, names: readonly string[], prefix: string, where: Where | undefined): unknown {
  let current = base;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const next = ownValue(current, name);
    if (next === MISSING) throw undefinedAt(current, names, i, prefix, where);
    current = next;
  }
  return current;
}

function undefinedAt(parent: unknown, names: readonly string[], index: number, prefix: string, where: Where | undefined): Error {
  const full = showPath(prefix, names);
  const name = names[index] as string;
  const parentPath = showPath(prefix, names.slice(0, index));
  const hint = didYouMean(suggestKey(parent, name));
  let message: string;
  if (index === 0) message = `undefined variable '${full}'`;
  else if (parent === null || parent === undefined) message = `undefined variable '${full}': '${parentPath}' is ${String(parent)}`;
  else if (Array.isArray(parent) || typeof parent === 'string') {
    message = `undefined variable '${full}': '${parentPath}' has no item '${name}' (it has ${parent.length})`;
  } else if (typeof parent !== 'object') message = `undefined variable '${full}': '${parentPath}' is a ${typeof parent}, not a dict`;
  else message = `undefined variable '${full}': '${parentPath}' has no key '${name}'`;
  return failure('UNDEFINED_VAR', message, { variable: full, hint, where });
}

function suggestKey(parent: unknown, name: string): string | undefined {
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return undefined;
  return closest(name, Object.keys(parent));
}

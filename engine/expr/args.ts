// Binds the evaluated arguments of a filter or test call to its declared
// parameters, Python style: positional first, then by name, then defaults.

import { fail } from './errors.js';

export interface Param {
  readonly name: string;
  /** Absent means the argument is required. */
  readonly default?: unknown;
}

export interface NamedArg {
  readonly name: string;
  readonly offset: number;
  readonly value: unknown;
}

export function bindArgs(
  what: string,
  params: readonly Param[],
  positional: readonly unknown[],
  named: readonly NamedArg[],
  offset: number,
): unknown[] {
  if (positional.length > params.length) {
    const most = params.length === 0 ? 'no arguments' : `at most ${params.length} argument${params.length === 1 ? '' : 's'}`;
    fail('EXPR_TYPE', `${what} takes ${most} (${positional.length} given)`, offset, signature(what, params));
  }
  const bound: unknown[] = [...positional];
  const given = new Set<number>(positional.map((_, i) => i));
  for (const arg of named) {
    const i = params.findIndex((p) => p.name === arg.name);
    if (i < 0) fail('EXPR_TYPE', `${what} has no parameter '${arg.name}'`, arg.offset, signature(what, params));
    if (given.has(i)) fail('EXPR_TYPE', `${what} got argument '${arg.name}' twice`, arg.offset);
    given.add(i);
    bound[i] = arg.value;
  }
  params.forEach((p, i) => {
    if (given.has(i)) return;
    if (!('default' in p)) fail('EXPR_TYPE', `${what} is missing argument '${p.name}'`, offset, signature(what, params));
    bound[i] = p.default;
  });
  return bound;
}

function signature(what: string, params: readonly Param[]): string {
  const list = params.map((p) => ('default' in p ? `${p.name}=${JSON.stringify(p.default)}` : p.name)).join(', ');
  return `usage: ${what}(${list})`;
}

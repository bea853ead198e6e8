// Resolves filter and test names at parse time, so a typo is reported even in
// a branch that never runs. Names may carry Ansible's collection prefix
// (ansible.builtin.bool, ansible.legacy.bool).

import { closest } from '../errors/suggest.js';
import { fail } from './errors.js';
import { FILTERS } from './filters.js';
import { TESTS } from './is-tests.js';

const PREFIXES = ['ansible.builtin.', 'ansible.legacy.'];

function resolve(name: string, known: ReadonlyMap<string, unknown>): string | undefined {
  const prefix = PREFIXES.find((p) => name.startsWith(p));
  const bare = prefix === undefined ? name : name.slice(prefix.length);
  return known.has(bare) ? bare : undefined;
}

function suggestion(name: string, known: ReadonlyMap<string, unknown>): string {
  const bare = name.slice(name.lastIndexOf('.') + 1);
  const guess = closest(bare, known.keys());
  return guess === undefined ? `known: ${[...known.keys()].join(', ')}` : `did you mean '${guess}'?`;
}

export function checkFilterName(name: string, offset: number): string {
  const resolved = resolve(name, FILTERS);
  if (resolved !== undefined) return resolved;
  if (TESTS.has(name)) {
    fail('EXPR_UNKNOWN_FILTER', `unknown filter '${name}'`, offset, `'${name}' is a test: write \`x is ${name}\``);
  }
  return fail('EXPR_UNKNOWN_FILTER', `unknown filter '${name}'`, offset, suggestion(name, FILTERS));
}

export function checkTestName(name: string, offset: number): string {
  const resolved = resolve(name, TESTS);
  if (resolved !== undefined) return resolved;
  if (FILTERS.has(name)) {
    fail('EXPR_UNKNOWN_TEST', `unknown test '${name}'`, offset, `'${name}' is a filter: write \`x | ${name}\``);
  }
  return fail('EXPR_UNKNOWN_TEST', `unknown test '${name}'`, offset, suggestion(name, TESTS));
}

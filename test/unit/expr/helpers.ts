// Shared fixtures for the condition-expression tests.

import assert from 'node:assert/strict';
import { evaluate, parseExpression, scopeFromRecord, type ExprError, type Scope } from '../../../engine/expr/index.js';

export const VARS: Readonly<Record<string, unknown>> = {
  n: 5,
  zero: 0,
  f: 1.5,
  neg: -3,
  s: 'hello',
  empty: '',
  t: true,
  no: false,
  nil: null,
  l: [1, 2, 3],
  el: [],
  words: ['web', 'db'],
  d: { a: 1, b: 'x', nested: { deep: 'y' }, nothing: null },
  ed: {},
  port: '8080',
  version: '8.4',
  flag: 'yes',
  text: 'Line One\nline two\n',
  unicode: 'héllo😀',
  ok: { changed: false, failed: false, rc: 0, stdout: 'all good', stdout_lines: ['all good'] },
  changed: { changed: true, failed: false, rc: 0, stdout: '' },
  bad: { changed: false, failed: true, rc: 2, msg: 'boom' },
  skipped: { changed: false, skipped: true },
  loop_changed: { results: [{ changed: false }, { changed: true }] },
  loop_unchanged: { results: [{ changed: false }] },
  groups: { masters: ['m1', 'm2'], workers: [] },
  inventory_hostname: 'm1',
};

export const SCOPE: Scope = scopeFromRecord(VARS);

export type Outcome = { ok: true; value: unknown } | { ok: false; error: ExprError };

/** Parses and evaluates `src` against VARS (or `scope`). */
export function run(src: string, scope: Scope = SCOPE): Outcome {
  const parsed = parseExpression(src);
  if (!parsed.ok) return parsed;
  return evaluate(parsed.expr, scope);
}

export function expectValue(src: string, expected: unknown, scope: Scope = SCOPE): void {
  const r = run(src, scope);
  if (!r.ok) assert.fail(`${src}: expected ${JSON.stringify(expected)}, got ${r.error.code}: ${r.error.message}`);
  assert.deepEqual(r.value, expected);
}

export interface ErrorCase {
  readonly src: string;
  readonly code: ExprError['code'];
  readonly offset: number;
  /** A fragment the message must contain. */
  readonly message?: string;
  /** A fragment the hint must contain. */
  readonly hint?: string;
}

export function expectError(c: ErrorCase, scope: Scope = SCOPE): void {
  const r = run(c.src, scope);
  if (r.ok) assert.fail(`${c.src}: expected ${c.code}, got value ${JSON.stringify(r.value)}`);
  assert.equal(r.error.code, c.code, `${c.src}: ${r.error.message}`);
  assert.equal(r.error.offset, c.offset, `${c.src}: offset (${r.error.message})`);
  if (c.message !== undefined) assert.ok(r.error.message.includes(c.message), `message ${JSON.stringify(r.error.message)}`);
  if (c.hint !== undefined) assert.ok((r.error.hint ?? '').includes(c.hint), `hint ${JSON.stringify(r.error.hint)}`);
}

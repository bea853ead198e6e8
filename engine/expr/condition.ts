// evaluateCondition: what `when:`, `changed_when:`, `failed_when:` and
// `until:` use. A list is an AND of its items, evaluated in order and
// stopping at the first false one.

import { makeError, type ExprError } from './errors.js';
import { evaluate, type Scope } from './evaluate.js';
import { parseExpression, type ExprWarning } from './parse.js';
import { pythonTruthy } from './values.js';

export type ConditionInput = string | boolean | readonly (string | boolean)[];

export type ConditionResult =
  | { ok: true; value: boolean; warnings?: readonly ExprWarning[] }
  /** `index` is set when the input was a list: the position of the failing item. */
  | { ok: false; error: ExprError; index?: number };

export function evaluateCondition(src: ConditionInput, scope: Scope): ConditionResult {
  if (!Array.isArray(src)) return single(src, scope);
  const warnings: ExprWarning[] = [];
  for (const [index, item] of (src as readonly unknown[]).entries()) {
    const r = single(item, scope);
    if (!r.ok) return { ok: false, error: r.error, index };
    if (r.warnings) warnings.push(...r.warnings);
    if (!r.value) return withWarnings(false, warnings);
  }
  return withWarnings(true, warnings);
}

function single(src: unknown, scope: Scope): ConditionResult {
  if (typeof src === 'boolean') return { ok: true, value: src };
  // YAML can also hand us a number, or null for an empty `when:`.
  if (typeof src === 'number') return { ok: true, value: pythonTruthy(src) };
  if (src === null || src === undefined) return { ok: true, value: true };
  if (typeof src !== 'string') {
    return { ok: false, error: makeError('EXPR_TYPE', 'a condition must be a string or a boolean', 0) };
  }
  // An empty condition imposes no condition, as in Ansible.
  if (src.trim() === '') return { ok: true, value: true };
  const parsed = parseExpression(src);
  if (!parsed.ok) return parsed;
  const evaluated = evaluate(parsed.expr, scope);
  if (!evaluated.ok) return evaluated;
  return withWarnings(pythonTruthy(evaluated.value), parsed.warnings ?? []);
}

function withWarnings(value: boolean, warnings: readonly ExprWarning[]): ConditionResult {
  return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

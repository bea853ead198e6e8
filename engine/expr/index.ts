// Condition expressions for `when:`, `changed_when:`, `failed_when:` and
// `until:`: a small Jinja-compatible language, parsed and evaluated without
// any use of JavaScript eval. See docs/conditions.md.

export type { Expr } from './ast.js';
export type { ExprError, ExprErrorCode } from './errors.js';
export { parseExpression, clearParseCache, MAX_SOURCE_LENGTH, type ParseResult, type ExprWarning } from './parse.js';
export { evaluate, type EvalResult, type Scope } from './evaluate.js';
export { evaluateCondition, type ConditionInput, type ConditionResult } from './condition.js';
export { scopeFromRecord } from './scope.js';

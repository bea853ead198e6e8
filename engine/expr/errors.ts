// Errors raised while parsing or evaluating a condition. Internally the parser
// and evaluator throw ExprFailure for brevity; the public functions catch it
// and return it as a value, so callers never see an exception.
import type { DiagnosticCode } from '../errors/codes.js';

export type ExprErrorCode = Extract<DiagnosticCode, `EXPR_${string}`>;

export interface ExprError {
  readonly code: ExprErrorCode;
  readonly message: string;
  /** 0-based offset into the source string of the offending token. */
  readonly offset: number;
  readonly hint?: string;
}

export class ExprFailure extends Error {
  constructor(readonly error: ExprError) {
    super(error.message);
    this.name = 'ExprFailure';
  }
}

export function makeError(code: ExprErrorCode, message: string, offset: number, hint?: string): ExprError {
  return hint === undefined ? { code, message, offset } : { code, message, offset, hint };
}

export function fail(code: ExprErrorCode, message: string, offset: number, hint?: string): never {
  throw new ExprFailure(makeError(code, message, offset, hint));
}

// Last line of defence for the "never throws" promise: anything that is not an
// ExprFailure (a throwing getter in scope data, a cyclic value, a bug) becomes
// an ordinary error result pointing at `offset`.
export function toExprError(e: unknown, offset: number): ExprError {
  if (e instanceof ExprFailure) return e.error;
  if (e instanceof RangeError) {
    return makeError('EXPR_TYPE', 'expression or value is too deeply nested to evaluate', offset);
  }
  const detail = e instanceof Error ? e.message : String(e);
  return makeError('EXPR_TYPE', `internal error while evaluating the expression: ${detail}`, offset);
}

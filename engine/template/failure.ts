// TemplateFailure carries a TemplateError through handlebars' generated code and our helpers;
// the public functions catch it and return it as data.
import type { TemplateError, TemplateErrorCode } from './types.js';

export interface Where {
  readonly line: number;
  /** Missing when only the line is known. */
  readonly col?: number;
}

/** Extra facts the layer that catches the failure can use to improve the message. */
export interface FailureDetail {
  /** A helper argument was undefined: which helper and which argument (0-based). */
  readonly helperArg?: { readonly helper: string; readonly index: number };
  /** An expression produced no value; the catcher can quote the expression. */
  readonly noValue?: boolean;
  /** Already annotated with the variable whose value was being rendered. */
  readonly inVariable?: string;
  /** The message is final: outer templates pass it on unchanged. */
  readonly explained?: boolean;
}

export class TemplateFailure extends Error {
  constructor(
    readonly error: TemplateError,
    readonly detail: FailureDetail = {},
  ) {
    super(error.message);
    this.name = 'TemplateFailure';
  }
}

export interface ErrorExtras {
  readonly variable?: string | undefined;
  readonly hint?: string | undefined;
  readonly where?: Where | undefined;
}

/** Builds a TemplateError, leaving out the optional fields that have no value. */
export function templateError(code: TemplateErrorCode, message: string, extras: ErrorExtras = {}): TemplateError {
  return {
    code,
    message,
    ...(extras.variable !== undefined ? { variable: extras.variable } : {}),
    ...(extras.hint !== undefined ? { hint: extras.hint } : {}),
    ...(extras.where !== undefined ? { line: extras.where.line } : {}),
    ...(extras.where?.col !== undefined ? { col: extras.where.col } : {}),
  };
}

export function failure(code: TemplateErrorCode, message: string, extras: ErrorExtras = {}, detail: FailureDetail = {}): TemplateFailure {
  return new TemplateFailure(templateError(code, message, extras), detail);
}

export function didYouMean(candidate: string | undefined): string | undefined {
  return candidate === undefined ? undefined : `did you mean '${candidate}'?`;
}

/** Handlebars locations are 1-based lines and 0-based columns; ours are both 1-based. */
export function whereOf(loc: unknown): Where | undefined {
  if (typeof loc !== 'object' || loc === null) return undefined;
  const start: unknown = (loc as { start?: unknown }).start ?? loc;
  if (typeof start !== 'object' || start === null) return undefined;
  const { line, column } = start as { line?: unknown; column?: unknown };
  if (typeof line !== 'number' || typeof column !== 'number') return undefined;
  return { line, col: column + 1 };
}

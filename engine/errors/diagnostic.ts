// User-facing problems are data: a stable code, a message, and where in which file.
import type { DiagnosticCode } from './codes.js';
import type { SourcePos, SourceText } from './source-text.js';

export interface Diagnostic {
  /** Stable, documented code (docs/errors.md), e.g. YAML_DUPLICATE_KEY, UNKNOWN_MODULE. */
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly pos?: SourcePos;
  /** The source line at pos, kept so the error can be printed without the file. */
  readonly excerpt?: string;
  /** A short suggestion, e.g. "did you mean 'become'?". */
  readonly hint?: string;
}

export function diagnosticAt(
  source: SourceText,
  offset: number,
  code: DiagnosticCode,
  message: string,
  hint?: string,
): Diagnostic {
  const pos = source.posAt(offset);
  return {
    code,
    message,
    pos,
    excerpt: source.lineText(pos.line),
    ...(hint === undefined ? {} : { hint }),
  };
}

export function diagnostic(code: DiagnosticCode, message: string, hint?: string): Diagnostic {
  return { code, message, ...(hint === undefined ? {} : { hint }) };
}

/** Thrown only to carry collected diagnostics to the CLI boundary; never for bugs. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    this.name = 'DiagnosticsError';
  }
}

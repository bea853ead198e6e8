export { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.js';
export { SourceText, type SourcePos } from './source-text.js';
export { diagnostic, diagnosticAt, DiagnosticsError, type Diagnostic } from './diagnostic.js';
export { formatDiagnostic, formatDiagnostics } from './format.js';

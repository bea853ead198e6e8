// Warnings are ordinary diagnostics kept in their own list; this prints one as a warning.
import type { Diagnostic } from '../errors/diagnostic.js';
import { formatDiagnostic } from '../errors/format.js';

export function formatWarning(d: Diagnostic): string {
  return formatDiagnostic(d).replace(`error ${d.code}:`, `warning ${d.code}:`);
}

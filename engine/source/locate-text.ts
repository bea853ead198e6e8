// Locates a value that was read without positions (inventory variables keep only their file's
// name) by finding it again in the file's text, so a problem with it can still say FILE:LINE:COL.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DiagnosticCode } from '../errors/codes.js';
import { diagnostic, diagnosticAt, type Diagnostic } from '../errors/diagnostic.js';
import { SourceText } from '../errors/source-text.js';

/**
 * A diagnostic at the first of `needles` found in `file` (relative to `cwd`), as written in the
 * file; without a position (the file named in the message) when the file or the text is not found.
 */
export function diagnosticAtText(file: string, cwd: string, needles: readonly string[], code: DiagnosticCode, message: string): Diagnostic {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch {
    return diagnostic(code, `${file}: ${message}`);
  }
  for (const needle of needles) {
    const at = needle === '' ? -1 : text.indexOf(needle);
    if (at >= 0) return diagnosticAt(new SourceText(file, text), at, code, message);
  }
  return diagnostic(code, `${file}: ${message}`);
}

// Renders diagnostics the way compilers do: location, code, message, excerpt with a caret.
import type { Diagnostic } from './diagnostic.js';

const MAX_EXCERPT = 120;

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.col}: ` : '';
  const lines = [`${where}error ${d.code}: ${d.message}`];
  if (d.pos && d.excerpt !== undefined) {
    const { text, caretCol } = clipExcerpt(d.excerpt, d.pos.col);
    const gutter = String(d.pos.line);
    lines.push(`  ${gutter} | ${text}`);
    lines.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, caretCol - 1))}^`);
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  const body = sortDiagnostics(ds).map(formatDiagnostic).join('\n\n');
  const n = ds.length;
  return `${body}\n\n${n} error${n === 1 ? '' : 's'} found`;
}

/** Keep long lines readable: show a window around the caret, tabs as spaces. */
function clipExcerpt(line: string, col: number): { text: string; caretCol: number } {
  const flat = line.replace(/\t/g, ' ');
  if (flat.length <= MAX_EXCERPT) return { text: flat, caretCol: col };
  const start = Math.max(0, Math.min(col - 1 - MAX_EXCERPT / 2, flat.length - MAX_EXCERPT));
  const prefix = start > 0 ? '…' : '';
  return { text: prefix + flat.slice(start, start + MAX_EXCERPT), caretCol: col - start + prefix.length };
}

/** By file, then position; diagnostics without a position keep their order, first. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    if (!a.pos || !b.pos) return (a.pos ? 1 : 0) - (b.pos ? 1 : 0);
    return a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line || a.pos.col - b.pos.col;
  });
}

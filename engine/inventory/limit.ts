// --limit: the same pattern language, narrowing an already selected host list. `@file` reads
// patterns (usually host names, as in a .retry file) one per line.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnostic, diagnosticAt, type Diagnostic } from '../errors/diagnostic.js';
import { SourceText } from '../errors/source-text.js';
import type { Inventory, SelectResult } from './model.js';
import { evaluateTerms, splitPattern, type PatternTerm } from './patterns.js';
import { displayPath } from './sources.js';

export function applyLimit(
  inv: Inventory,
  hosts: readonly string[],
  limit: string | undefined,
  opts: { cwd?: string } = {},
): SelectResult {
  if (limit === undefined) return { ok: true, hosts: [...hosts], warnings: [] };
  // Ansible treats an empty --limit as no limit; running everything by accident is worse.
  if (limit.trim() === '') return { ok: false, diagnostics: [diagnostic('PATTERN_EMPTY', '--limit is empty')], warnings: [] };
  const cwd = resolve(opts.cwd ?? process.cwd());
  const terms: PatternTerm[] = [];
  const errors: Diagnostic[] = [];
  for (const part of splitPattern(limit)) {
    if (part.startsWith('@')) terms.push(...readLimitFile(part.slice(1), cwd, errors));
    else terms.push({ text: part });
  }
  if (errors.length > 0) return { ok: false, diagnostics: errors, warnings: [] };
  const allowed = evaluateTerms(inv, terms);
  if (!allowed.ok) return allowed;
  const keep = new Set(allowed.hosts);
  return { ok: true, hosts: hosts.filter((h) => keep.has(h)), warnings: allowed.warnings };
}

function readLimitFile(path: string, cwd: string, errors: Diagnostic[]): PatternTerm[] {
  const full = resolve(cwd, path);
  const shown = displayPath(cwd, full);
  const info = (() => {
    try {
      return statSync(full);
    } catch {
      return undefined;
    }
  })();
  if (!info) {
    errors.push(diagnostic('PATTERN_LIMIT_FILE', `limit file '${shown}' does not exist`));
    return [];
  }
  if (!info.isFile()) {
    errors.push(diagnostic('PATTERN_LIMIT_FILE', `limit file '${shown}' is not a file`));
    return [];
  }
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (e) {
    errors.push(diagnostic('PATTERN_LIMIT_FILE', `cannot read limit file '${shown}': ${e instanceof Error ? e.message : String(e)}`));
    return [];
  }
  const source = new SourceText(shown, text);
  const terms: PatternTerm[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const t = line.trim();
    if (t === '') continue;
    const col = start + line.indexOf(t);
    terms.push({ text: t, at: (code, message, hint) => diagnosticAt(source, col, code, message, hint) });
  }
  return terms;
}

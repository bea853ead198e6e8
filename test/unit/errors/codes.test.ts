// docs/errors.md's Codes table and DiagnosticCode, both ways: every code in the union is
// documented, and every documented code is in the union.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTIC_CODES } from '../../../engine/errors/codes.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The codes named in the first column of the Codes table. */
function documentedCodes(markdown: string): string[] {
  const section = markdown.split('\n## Codes\n')[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => [...(row.split(' | ')[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
}

const duplicates = (list: readonly string[]): string[] => list.filter((c, i) => list.indexOf(c) !== i);

describe('docs/errors.md: the Codes table matches DiagnosticCode', () => {
  const documented = documentedCodes(readFileSync(join(ROOT, 'docs/errors.md'), 'utf8'));
  const known = new Set<string>(DIAGNOSTIC_CODES);

  const checks: readonly [string, () => string[]][] = [
    ['every code in the union is documented', () => DIAGNOSTIC_CODES.filter((c) => !documented.includes(c))],
    ['every documented code is in the union', () => documented.filter((c) => !known.has(c))],
    ['the table names each code once', () => duplicates(documented)],
    ['the union lists each code once', () => duplicates(DIAGNOSTIC_CODES)],
    ['every documented code is a plain code, not a pattern', () => documented.filter((c) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(c))],
  ];
  for (const [name, offenders] of checks) {
    it(name, () => assert.deepEqual(offenders(), []));
  }

  it('finds the table', () => assert.ok(documented.length > 50, `only ${documented.length} codes found`));
});

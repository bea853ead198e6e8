// docs/architecture.md's import table and .dependency-cruiser.cjs, both ways: for every pair of
// engine folders the table allows an import exactly when the configuration does. Also: every
// folder under engine/ has a row, and the table has no cycle.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BASE_LAYER = ['errors', 'source', 'text'];

interface PathCondition {
  readonly path?: string;
  readonly pathNot?: string | readonly string[];
  readonly circular?: boolean;
  readonly dynamic?: boolean;
}
interface Rule {
  readonly name: string;
  readonly from: PathCondition;
  readonly to: PathCondition;
}

/** Folder → what it may import: folder names, or one file such as `prepare/prepared-run.ts`. */
function documentedTable(): Map<string, string[]> {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const section = doc.split('\n## Import rules\n')[1]?.split('\n## ')[0] ?? '';
  const table = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z-]+)\/` \| (.*) \|$/.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    const cell = m[2];
    const named = [...cell.matchAll(/`([a-z-]+(?:\/[a-z-]+\.ts)?)\/?`/g)].map((n) => n[1] ?? '');
    const entries = cell.startsWith('nothing of') ? [] : cell.startsWith('all of') ? ['*'] : named;
    table.set(m[1], cell.startsWith('base layer') ? [...BASE_LAYER, ...entries] : entries);
  }
  return table;
}

function configRules(): Rule[] {
  const require = createRequire(import.meta.url);
  const config = require(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Rule[] };
  return config.forbidden;
}

/** `groups` fills `$1`…, as dependency-cruiser does in a rule's `to` with the `from` match. */
function matches(condition: PathCondition, path: string, groups: readonly string[] = []): boolean {
  const regex = (p: string): RegExp => new RegExp(p.replace(/\$(\d)/g, (_, i: string) => groups[Number(i)] ?? ''));
  if (condition.path !== undefined && !regex(condition.path).test(path)) return false;
  const not = condition.pathNot === undefined ? [] : [condition.pathNot].flat();
  return !not.some((p) => regex(p).test(path));
}

/** The rules that forbid a static import of `to` from `from`, by name. */
function forbiddenBy(rules: readonly Rule[], from: string, to: string): string[] {
  return rules
    .filter((r) => r.to.circular === undefined && r.to.dynamic === undefined)
    .filter((r) => matches(r.from, from) && matches(r.to, to, [...(new RegExp(r.from.path ?? '').exec(from) ?? [])]))
    .map((r) => r.name);
}

function allows(entries: readonly string[], target: string): boolean {
  return entries.includes('*') || entries.some((e) => (e.endsWith('.ts') ? e === target : target.startsWith(`${e}/`)));
}

describe('docs/architecture.md: the import table matches .dependency-cruiser.cjs', () => {
  const table = documentedTable();
  const rules = configRules();
  const folders = [...table.keys()];

  it('has a row for every folder of the base layer and under engine/', () => {
    const present = readdirSync(join(ROOT, 'engine'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const f of [...BASE_LAYER, ...present]) assert.ok(table.has(f), `no row for engine/${f}/`);
  });

  it('names only folders that have a row', () => {
    for (const [folder, entries] of table) {
      for (const e of entries) if (e !== '*') assert.ok(table.has(e.split('/')[0] ?? ''), `engine/${folder}/ names unknown ${e}`);
    }
  });

  it('allows an import between two engine folders exactly when the configuration does', () => {
    const mismatches: string[] = [];
    for (const [folder, entries] of table) {
      const targets = [...folders.map((f) => `${f}/x.ts`), 'prepare/prepared-run.ts'];
      for (const target of targets) {
        if (target.startsWith(`${folder}/`)) continue;
        const documented = allows(entries, target);
        const by = forbiddenBy(rules, `engine/${folder}/x.ts`, `engine/${target}`);
        if (documented === by.length > 0) mismatches.push(`engine/${folder}/ → engine/${target}: table ${documented ? 'allows' : 'forbids'}, config ${by.length ? `forbids (${by.join(', ')})` : 'allows'}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('has no cycle between folders', () => {
    const edges = (f: string): string[] => (table.get(f) ?? []).filter((e) => e !== '*').map((e) => e.split('/')[0] ?? '');
    const cycles: string[] = [];
    const visit = (f: string, trail: readonly string[]): void => {
      if (trail.includes(f)) return void cycles.push([...trail, f].join(' → '));
      for (const next of edges(f)) visit(next, [...trail, f]);
    };
    for (const f of folders) visit(f, []);
    assert.deepEqual(cycles, []);
  });

  const outside: readonly [string, string, boolean][] = [
    ['engine/run/x.ts', 'lab/x.ts', false],
    ['engine/cli/x.ts', 'test/x.ts', false],
    ['engine/prepare/x.ts', 'engine/cli/x.ts', false],
    ['lab/x.ts', 'engine/cli/x.ts', false],
    ['lab/x.ts', 'engine/run/x.ts', true],
    ['lab/x.ts', 'test/x.ts', false],
    ['demo/x.ts', 'lab/x.ts', true],
    ['demo/x.ts', 'test/x.ts', false],
    ['bench/x.ts', 'test/x.ts', false],
    ['bench/x.ts', 'bench/y.ts', true],
    ['test/x.ts', 'engine/cli/x.ts', true],
    ['test/x.ts', 'bench/x.ts', true],
  ];
  for (const [from, to, allowed] of outside) {
    it(`${allowed ? 'allows' : 'forbids'} ${from} → ${to}`, () => {
      assert.equal(forbiddenBy(rules, from, to).length === 0, allowed);
    });
  }
});

// Inputs found by the properties in this folder or built to stress the loader's limits: each is
// refused with a located code, quickly, and without a process warning on stderr.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaybook } from '../../../engine/load/playbook-loader.js';
import { moduleLookup } from '../../../engine/modules/lookup.js';
import { checkDiagnostics, timed } from './checks.js';

const nestedBlocks = (depth: number): string => {
  let s = '- hosts: all\n  tasks:\n';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(4 + 4 * i)}- block:\n`;
  return `${s}${' '.repeat(4 + 4 * depth)}- debug: msg=x\n`;
};

// [title, playbook text, expected code, line:col of the first diagnostic with that code]
const CASES: [string, string, string, string][] = [
  // Found by fuzzing: yaml stringified these keys and printed a process warning.
  ['a flow list as a key', '- hosts: all\n  vars:\n    [a]: 1\n', 'YAML_COLLECTION_KEY', '3:5'],
  ['an explicit mapping key', '- hosts: all\n  vars:\n    ? {a: 1}\n    : 2\n', 'YAML_COLLECTION_KEY', '3:7'],
  ['an alias of a list as a key', '- hosts: all\n  vars:\n    x: &l [1]\n    *l : 2\n', 'YAML_COLLECTION_KEY', '4:5'],
  ['a nested flow key', '- hosts: all\n  vars: {x: {[1]: 2}}\n', 'YAML_COLLECTION_KEY', '2:14'],
  // Limits.
  ['5 000 nested flow lists', `- hosts: all\n  vars:\n    x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'YAML_RESOURCE_EXHAUSTION', ''],
  ['1 500 nested blocks', nestedBlocks(1500), 'YAML_RESOURCE_EXHAUSTION', ''],
  ['a condition nested 3 000 deep', `- hosts: all\n  tasks:\n    - debug: msg=x\n      when: ${'('.repeat(3000)}a${')'.repeat(3000)}\n`, 'EXPR_SYNTAX', '4:13'],
  ['an alias bomb', `- hosts: all\n  vars:\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n    d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, 'YAML_ALIAS_LIMIT', '1:1'],
  ['a playbook importing itself', '- import_playbook: play.yml\n', 'IMPORT_DEPTH', '1:3'],
  ['a task file importing itself', '- hosts: all\n  tasks:\n    - import_tasks: self.yml\n', 'IMPORT_DEPTH', ''],
];

describe('fuzz: hostile playbooks are refused quickly with located errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-hostile-'));
  mkdirSync(join(dir, 'roles'), { recursive: true });
  writeFileSync(join(dir, 'self.yml'), '- import_tasks: self.yml\n');
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(w.message);
  before(() => process.on('warning', onWarning));
  after(() => process.off('warning', onWarning));

  for (const [title, text, code, at] of CASES) {
    it(title, async () => {
      const file = join(dir, 'play.yml');
      writeFileSync(file, text);
      warnings.length = 0;
      const r = await timed(() => loadPlaybook(file, { modules: moduleLookup() }));
      assert.ok(!r.ok, 'refused');
      checkDiagnostics(r.diagnostics, new Map([[file, text], [join(dir, 'self.yml'), '- import_tasks: self.yml\n']]));
      const d = r.diagnostics.find((x) => x.code === code);
      assert.ok(d, `expected ${code}, got ${r.diagnostics.map((x) => x.code).join(', ')}`);
      if (at !== '') assert.equal(`${d.pos?.line}:${d.pos?.col}`, at);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, [], 'no process warning');
    });
  }
});

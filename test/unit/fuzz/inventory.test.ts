// Property: whatever an inventory file (YAML, INI, or without extension) or a group_vars file
// holds, loadInventory returns an inventory or located diagnostics — never a throw or a hang.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadInventory } from '../../../engine/inventory/index.js';
import { checkDiagnostics, SEED, timed } from './checks.js';
import { anyText, iniText, yamlishInventory, yamlishPlaybook } from './generators.js';

const dir = mkdtempSync(join(tmpdir(), 'deckhand-fuzz-inv-'));

async function load(files: Record<string, string>, source: string): Promise<void> {
  rmSync(join(dir, 'group_vars'), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const r = await timed(() => loadInventory([source], { cwd: dir }));
  // Paths in messages are shown relative to cwd; warnings must be well-formed too.
  const texts = new Map(Object.entries(files));
  if (!r.ok) checkDiagnostics(r.diagnostics, texts);
  if (r.warnings.length) checkDiagnostics(r.warnings, texts);
}

const PROPERTIES: [title: string, arb: fc.Arbitrary<string>, file: string, runs: number][] = [
  ['INI-ish text as .ini', iniText, 'hosts.ini', 500],
  ['INI-ish text without an extension (format detected)', iniText, 'hosts', 300],
  ['YAML-ish inventory as .yml', yamlishInventory, 'hosts.yml', 500],
  ['YAML-ish inventory without an extension', yamlishInventory, 'hosts', 200],
  ['arbitrary text as .yml', anyText, 'hosts.yml', 200],
  ['arbitrary text as .ini', anyText, 'hosts.ini', 200],
  ['arbitrary text without an extension', anyText, 'hosts', 200],
];

describe('fuzz: inventory loader (property-based)', () => {
  for (const [title, arb, file, runs] of PROPERTIES) {
    it(`${title}: an inventory or located diagnostics`, async () => {
      await fc.assert(fc.asyncProperty(arb, async (text) => load({ [file]: text }, file)), { seed: SEED, numRuns: runs });
    });
  }

  it('group_vars/ files of any content beside a valid inventory', async () => {
    const inv = '[web]\nweb1\n';
    await fc.assert(
      fc.asyncProperty(fc.oneof(yamlishInventory, yamlishPlaybook, anyText), fc.constantFrom('all.yml', 'web', 'web/main.yml', 'web.json'), async (text, name) =>
        load({ 'hosts.ini': inv, [join('group_vars', name)]: text }, 'hosts.ini'),
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// Property: whatever a playbook file holds, loadPlaybook returns a playbook or located
// diagnostics — never a throw, never a hang.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadPlaybook } from '../../../engine/load/playbook-loader.js';
import { moduleLookup } from '../../../engine/modules/lookup.js';
import { checkDiagnostics, SEED, timed } from './checks.js';
import { aliasBomb, anyText, MODULES, PLAY_KEYS, TASK_KEYS, yamlishPlaybook } from './generators.js';

const dir = mkdtempSync(join(tmpdir(), 'deckhand-fuzz-pb-'));
const file = join(dir, 'play.yml');

async function load(text: string): Promise<ReturnType<typeof loadPlaybook>> {
  writeFileSync(file, text);
  const r = await timed(() => loadPlaybook(file, { modules: moduleLookup() }));
  if (!r.ok) checkDiagnostics(r.diagnostics, new Map([[file, text]]));
  return r;
}

// JSON values where a playbook, a play, a task or module arguments are expected: the schema
// validators see every JSON type in every position.
const json = fc.jsonValue({ maxDepth: 3 });
const withKeys = (keys: readonly string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), json, { maxKeys: 4 });
const jsonShapes = fc.oneof(
  json,
  fc.array(withKeys(PLAY_KEYS), { maxLength: 3 }),
  withKeys(TASK_KEYS).map((t) => [{ hosts: 'all', tasks: [t] }]),
  fc.tuple(fc.constantFrom(...MODULES), json, withKeys(TASK_KEYS)).map(([m, args, rest]) => [{ hosts: 'all', tasks: [{ ...rest, [m]: args }] }]),
  fc.tuple(fc.constantFrom(...MODULES), withKeys(['msg', 'cmd', 'dest', 'src', 'mode', 'state', 'name', 'that', 'x'])).map(([m, args]) => [{ hosts: 'all', tasks: [{ [m]: args }] }]),
);

const PROPERTIES: [title: string, arb: fc.Arbitrary<string>, runs: number][] = [
  ['arbitrary text', anyText, 400],
  ['YAML-ish playbooks (keywords, damage, anchors, tags)', yamlishPlaybook, 600],
  ['JSON values in every position, as JSON text', jsonShapes.map((v) => JSON.stringify(v)), 300],
  ['JSON values in every position, as block YAML', jsonShapes.map((v) => stringify(v)), 300],
];

describe('fuzz: playbook loader (property-based)', () => {
  for (const [title, arb, runs] of PROPERTIES) {
    it(`${title}: a playbook or located diagnostics`, async () => {
      await fc.assert(fc.asyncProperty(arb, async (text) => void (await load(text))), { seed: SEED, numRuns: runs });
    });
  }

  it('alias bombs are refused with YAML_ALIAS_LIMIT, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(aliasBomb, async ({ text, expansions }) => {
        const r = await load(text);
        if (expansions > 100) assert.ok(!r.ok && r.diagnostics.some((d) => d.code === 'YAML_ALIAS_LIMIT'), `${expansions} expansions accepted`);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

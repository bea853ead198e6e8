// Property, end to end: `deckhand run PLAYBOOK --syntax-check` on any playbook, inventory and
// -e text ends with exit 0 or 3 and never prints a stack trace or an internal error.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../../engine/cli/main.js';
import { captureIo } from '../../support/capture-io.js';
import { SEED, STACK_TRACE, timed } from './checks.js';
import { anyText, iniText, yamlishInventory, yamlishPlaybook } from './generators.js';

const dir = mkdtempSync(join(tmpdir(), 'deckhand-fuzz-cli-'));

const EXTRA_VARS = ['x=1', 'a=b c="d e"', '{"replicas": 3}', '{bad', '--- [1]', 'k=', '=v', "x='unterminated", '@missing.yml', '{"a": {"b": [1, {"c": null}]}}'];
const extraVars = fc.array(fc.oneof(fc.constantFrom(...EXTRA_VARS), fc.string({ maxLength: 20 })), { maxLength: 2 });

async function syntaxCheck(playbook: string, inventory: { name: string; text: string } | undefined, extra: readonly string[]): Promise<void> {
  writeFileSync(join(dir, 'play.yml'), playbook);
  if (inventory) writeFileSync(join(dir, inventory.name), inventory.text);
  const io = captureIo(dir);
  const argv = ['run', 'play.yml', '--syntax-check', '-i', inventory?.name ?? 'localhost,', ...extra.map((e) => `--extra-vars=${e}`)];
  const code = await timed(() => main(argv, io));
  const { out, err } = io.text();
  assert.ok(code === 0 || code === 3, `exit ${code}\n${err}`);
  assert.doesNotMatch(out + err, STACK_TRACE, 'a stack trace was printed');
  assert.doesNotMatch(err, /internal error/);
  if (code === 3) assert.match(err, /\d+ errors? found$/);
}

describe('fuzz: deckhand run --syntax-check (property-based)', () => {
  it('any playbook text with -i localhost, and any -e', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(yamlishPlaybook, anyText), extraVars, (pb, extra) => syntaxCheck(pb, undefined, extra)), { seed: SEED, numRuns: 300 });
  });

  it('any inventory text beside a valid playbook', async () => {
    const inventory = fc.oneof(
      iniText.map((text) => ({ name: 'hosts.ini', text })),
      yamlishInventory.map((text) => ({ name: 'hosts.yml', text })),
      anyText.map((text) => ({ name: 'hosts', text })),
    );
    await fc.assert(
      fc.asyncProperty(inventory, (inv) => syntaxCheck('- hosts: all\n  tasks:\n    - debug: msg=hi\n', inv, [])),
      { seed: SEED, numRuns: 300 },
    );
  });
});

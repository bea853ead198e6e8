// Options and environment onto the prepare stage's input.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunOptions, type RunOptions } from '../../../engine/cli/run-options.js';
import { prepareInput } from '../../../engine/cli/stage-inputs.js';
import { captureIo } from '../../support/capture-io.js';

function options(argv: string[]): RunOptions {
  const p = parseRunOptions(argv);
  if (!p.ok) throw new Error(p.message);
  return p.options;
}

describe('cli/stage-inputs', () => {
  it('prepare input: tags, limit and the roles path from the environment', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'deckhand-inputs-'));
    const opts = options(['site.yml', '-i', 'hosts', '-l', 'web', '-t', 'a,b', '--skip-tags', 'c', '-e', 'x=1']);
    const r = await prepareInput(opts, captureIo(cwd, { ANSIBLE_ROLES_PATH: '/r1::/r2' }));
    assert.ok(r.ok);
    assert.deepEqual(r.input, {
      playbook: 'site.yml',
      inventories: ['hosts'],
      limit: 'web',
      tags: { only: ['a', 'b'], skip: ['c'] },
      extraVars: ['x=1'],
      cwd,
      rolesPath: ['/r1', '/r2'],
      vaultPasswords: [],
    });
  });

  it('a vault password that cannot be read is a VAULT_PASSWORD diagnostic', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'deckhand-inputs-'));
    const r = await prepareInput(options(['site.yml', '--vault-password-file', 'nope']), captureIo(cwd));
    assert.ok(!r.ok);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['VAULT_PASSWORD']);
  });
});

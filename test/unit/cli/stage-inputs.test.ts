// Options and environment onto each stage's input: the environment is read here and nowhere else.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunOptions, type RunOptions } from '../../../engine/cli/run-options.js';
import { prepareInput, runSettings } from '../../../engine/cli/stage-inputs.js';
import { captureIo } from '../../support/capture-io.js';

function options(argv: string[]): RunOptions {
  const p = parseRunOptions(argv);
  if (!p.ok) throw new Error(p.message);
  return p.options;
}

describe('cli/stage-inputs', () => {
  it('run settings: options, then $USER and host key checking from the environment', () => {
    const opts = options(['site.yml', '-f', '7', '-C', '-D', '-vv']);
    assert.deepEqual(runSettings(opts, { USER: 'ops', ANSIBLE_HOST_KEY_CHECKING: 'False' }), {
      forks: 7,
      check: true,
      diff: true,
      verbosity: 2,
      controller: { user: 'ops', hostKeyChecking: 'False' },
    });
    assert.equal(runSettings(opts, { DECKHAND_HOST_KEY_CHECKING: 'true', ANSIBLE_HOST_KEY_CHECKING: 'False' }).controller.hostKeyChecking, 'true');
    assert.deepEqual(runSettings(opts, {}).controller, {});
  });

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

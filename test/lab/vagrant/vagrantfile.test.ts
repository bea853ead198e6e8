import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { vagrantValidate } from '../../../lab/vagrant/lab-commands.js';
import { findProgram } from './find-program.js';
import { repoRoot } from '../../../lab/vagrant/repo-root.js';

const hasVagrant = findProgram('vagrant') !== undefined;
const withVagrant = hasVagrant ? describe : describe.skip;
const note = hasVagrant ? '' : ' (skipped: vagrant is not installed; apt-get install vagrant)';

withVagrant(`Vagrantfile: vagrant validate${note}`, function () {
  this.timeout(120_000);
  let dotfiles: string;

  before(async () => {
    // Keep Vagrant's machine state out of the repository during the test.
    dotfiles = await mkdtemp(join(tmpdir(), 'deckhand-vagrant-'));
  });

  after(async () => {
    await rm(dotfiles, { recursive: true, force: true });
  });

  async function validate(env: Record<string, string>, argv: readonly string[] = vagrantValidate()) {
    const [file = 'vagrant', ...args] = argv;
    return execa(file, args, {
      cwd: repoRoot,
      reject: false,
      env: {
        VAGRANT_CWD: repoRoot,
        VAGRANT_DOTFILE_PATH: dotfiles,
        VAGRANT_CHECKPOINT_DISABLE: '1', // no version check over the network
        VAGRANT_NO_COLOR: '1',
        DECKHAND_BOX: '', DECKHAND_NET_PREFIX: '', DECKHAND_MASTER_MEMORY: '', DECKHAND_WORKER_MEMORY: '', DECKHAND_CPUS: '', DECKHAND_WORKERS: '',
        ...env,
      },
    });
  }

  const valid = [
    { name: 'the defaults', env: {} },
    { name: 'every override set', env: { DECKHAND_BOX: 'example/noble', DECKHAND_NET_PREFIX: '10.20.30', DECKHAND_MASTER_MEMORY: '2048', DECKHAND_WORKER_MEMORY: '3072', DECKHAND_CPUS: '4', DECKHAND_WORKERS: '3' } },
  ];
  for (const c of valid) {
    it(`passes --ignore-provider with ${c.name}`, async () => {
      const result = await validate(c.env);
      assert.equal(result.exitCode, 0, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /validated successfully/);
    });
  }

  it('passes the libvirt provider block when vagrant-libvirt is installed', async function () {
    const plugins = await execa('vagrant', ['plugin', 'list'], { reject: false, env: { VAGRANT_CHECKPOINT_DISABLE: '1' } });
    if (!plugins.stdout.includes('vagrant-libvirt')) {
      // Without the plugin only --ignore-provider can be checked.
      console.log('      (skipped: needs the vagrant-libvirt plugin (apt-get install vagrant-libvirt))');
      this.skip();
    }
    const result = await validate({ VAGRANT_DEFAULT_PROVIDER: 'libvirt' }, ['vagrant', 'validate']);
    assert.equal(result.exitCode, 0, `${result.stdout}\n${result.stderr}`);
  });

  it('fails with a message naming a bad variable', async () => {
    const result = await validate({ DECKHAND_WORKERS: 'many' });
    assert.notEqual(result.exitCode, 0);
    assert.match(`${result.stdout}\n${result.stderr}`, /DECKHAND_WORKERS: expected a whole number 1\.\.89, got "many"/);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execa } from 'execa';
import { findProgram } from './find-program.js';
import { LAB_DEFAULTS, labLayout, LabLayoutError } from '../../../lab/vagrant/lab-layout.js';
import { repoRoot } from '../../../lab/vagrant/repo-root.js';

const VARS = ['DECKHAND_BOX', 'DECKHAND_NET_PREFIX', 'DECKHAND_MASTER_MEMORY', 'DECKHAND_WORKER_MEMORY', 'DECKHAND_CPUS', 'DECKHAND_WORKERS'];

describe('lab layout', () => {
  it('defaults to a master with 4 GiB and two workers with 2 GiB on 192.168.56.0/24', () => {
    const layout = labLayout({});
    assert.equal(layout.box, 'bento/ubuntu-24.04');
    assert.deepEqual(layout.hosts, [
      { name: 'master', group: 'master', address: '192.168.56.10', memoryMiB: 4096, cpus: 2 },
      { name: 'worker1', group: 'workers', address: '192.168.56.11', memoryMiB: 2048, cpus: 2 },
      { name: 'worker2', group: 'workers', address: '192.168.56.12', memoryMiB: 2048, cpus: 2 },
    ]);
  });

  it('takes every DECKHAND_* override', () => {
    const layout = labLayout({
      DECKHAND_BOX: 'example/noble', DECKHAND_NET_PREFIX: '10.20.30', DECKHAND_MASTER_MEMORY: '3072',
      DECKHAND_WORKER_MEMORY: '4096', DECKHAND_CPUS: '4', DECKHAND_WORKERS: '3',
    });
    assert.equal(layout.box, 'example/noble');
    assert.deepEqual(layout.hosts.map((h) => [h.name, h.address, h.memoryMiB, h.cpus]), [
      ['master', '10.20.30.10', 3072, 4], ['worker1', '10.20.30.11', 4096, 4], ['worker2', '10.20.30.12', 4096, 4], ['worker3', '10.20.30.13', 4096, 4],
    ]);
  });

  it('treats empty variables as unset', () => {
    assert.deepEqual(labLayout(Object.fromEntries(VARS.map((v) => [v, '']))), labLayout({}));
  });

  const invalid = [
    { env: { DECKHAND_WORKERS: '0' }, variable: 'DECKHAND_WORKERS' },
    { env: { DECKHAND_WORKERS: 'two' }, variable: 'DECKHAND_WORKERS' },
    { env: { DECKHAND_WORKERS: '90' }, variable: 'DECKHAND_WORKERS' },
    { env: { DECKHAND_CPUS: '1' }, variable: 'DECKHAND_CPUS' },
    { env: { DECKHAND_MASTER_MEMORY: '1024' }, variable: 'DECKHAND_MASTER_MEMORY' },
    { env: { DECKHAND_WORKER_MEMORY: '2g' }, variable: 'DECKHAND_WORKER_MEMORY' },
    { env: { DECKHAND_NET_PREFIX: '192.168.56.0' }, variable: 'DECKHAND_NET_PREFIX' },
    { env: { DECKHAND_NET_PREFIX: '192.168.256' }, variable: 'DECKHAND_NET_PREFIX' },
    { env: { DECKHAND_NET_PREFIX: '192.168.' }, variable: 'DECKHAND_NET_PREFIX' },
  ];
  for (const c of invalid) {
    it(`rejects ${JSON.stringify(c.env)}, naming the variable`, () => {
      assert.throws(() => labLayout(c.env), (err: unknown) => err instanceof LabLayoutError && err.variable === c.variable);
    });
  }

  // The Vagrantfile is Ruby: evaluate it with a recording stand-in for Vagrant
  // and check it defines the same machines as lab-layout.ts.
  const hasRuby = findProgram('ruby') !== undefined;
  const withRuby = hasRuby ? describe : describe.skip;
  withRuby(`agrees with the Vagrantfile${hasRuby ? '' : ' (skipped: ruby is not installed; it comes with apt-get install vagrant)'}`, function () {
    this.timeout(30_000);
    const script = join(repoRoot, 'test/lab/vagrant/fixtures/vagrantfile-layout.rb');
    const vagrantfile = join(repoRoot, 'Vagrantfile');
    const env = (set: Record<string, string>) => Object.fromEntries(VARS.map((v) => [v, set[v] ?? '']));

    interface Evaluated {
      box: string;
      machines: Array<{ name: string; primary: boolean; hostname: string; ip: string; providers: Record<string, { memory: number; cpus: number }> }>;
      syncedFolders: Array<{ guest: string; disabled: boolean }>;
    }

    const agreeing = [
      {},
      { DECKHAND_WORKERS: '3', DECKHAND_NET_PREFIX: '10.20.30' },
      { DECKHAND_MASTER_MEMORY: '2048', DECKHAND_WORKER_MEMORY: '3072', DECKHAND_CPUS: '4', DECKHAND_BOX: 'example/noble' },
      { DECKHAND_WORKERS: '1' },
    ];
    for (const set of agreeing) {
      it(`for ${JSON.stringify(set)}`, async () => {
        const result = await execa('ruby', [script, vagrantfile], { env: env(set) });
        const got = JSON.parse(result.stdout) as Evaluated;
        const layout = labLayout(set);
        assert.equal(got.box, layout.box);
        assert.deepEqual(got.syncedFolders, [{ guest: '/vagrant', disabled: true }]);
        assert.deepEqual(got.machines, layout.hosts.map((h) => ({
          name: h.name,
          primary: h.name === 'master',
          hostname: h.name,
          ip: h.address,
          providers: { virtualbox: { memory: h.memoryMiB, cpus: h.cpus }, libvirt: { memory: h.memoryMiB, cpus: h.cpus } },
        })));
      });
    }

    for (const c of invalid) {
      it(`and rejects ${JSON.stringify(c.env)} too`, async () => {
        const result = await execa('ruby', [script, vagrantfile], { env: env(c.env), reject: false });
        assert.notEqual(result.exitCode, 0);
        assert.match(result.stderr, new RegExp(`${c.variable}: expected`));
      });
    }

    it('uses the same defaults', () => {
      assert.deepEqual(LAB_DEFAULTS, { box: 'bento/ubuntu-24.04', netPrefix: '192.168.56', masterMemoryMiB: 4096, workerMemoryMiB: 2048, cpus: 2, workers: 2 });
    });
  });
});

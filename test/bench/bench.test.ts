// Keeps the benchmark working: a tiny run (3 hosts × 4 tasks) of every tool through the real
// command line, checking what each run changed and that the results file is written. No timing
// assertions: this machine's speed is not what is under test. Needs root (the lab); skips otherwise.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { BenchResults } from '../../bench/results.js';
import { findOnPath } from '../../lab/preflight.js';
import { requireSystem } from '../support/require-system.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const HOSTS = 3;
const TASKS = 4;
const DIR_TASKS = 2;

describe('bench', function () {
  this.timeout(240_000);
  let dir = '';
  let results: BenchResults | undefined;

  before(async function () {
    requireSystem(this, 'lab');
    dir = await mkdtemp(join(tmpdir(), 'deckhand-bench-test-'));
    const out = join(dir, 'results.json');
    const args = ['--hosts', String(HOSTS), '--tasks', String(TASKS), '--repeat', '1', '--startup-runs', '1', '--out', out, '--lab-name', `benchci${process.pid % 100000}`];
    const r = await execa(process.execPath, [join(root, 'dist/bench/run.js'), ...args], { reject: false, timeout: 220_000, all: true });
    assert.equal(r.exitCode, 0, `bench failed:\n${r.all ?? ''}`);
    assert.match(r.stdout, /deckhand \/ floor/);
    results = JSON.parse(await readFile(out, 'utf8')) as BenchResults;
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs every tool twice with the expected changed counts', () => {
    const r = results!;
    const tools = new Set(r.comparison.map((s) => s.tool));
    const expected = ['deckhand', 'floor', 'floor-linear', ...(findOnPath('ansible-playbook') ? ['ansible'] : [])];
    assert.deepEqual([...tools].sort(), expected.sort());
    for (const s of r.comparison) {
      assert.equal(s.hosts, HOSTS);
      assert.equal(s.expectedChanged, s.run === 'first' ? HOSTS * DIR_TASKS : 0, `${s.tool} ${s.run}`);
      assert.ok(s.samples.length >= 1);
      for (const x of s.samples) assert.equal(x.changed, s.expectedChanged, `${s.tool} ${s.run} changed`);
      assert.ok(s.wallS > 0 && Number.isFinite(s.wallS));
    }
  });

  it('writes ratios, machine facts and start-up times', () => {
    const r = results!;
    assert.ok(Number.isFinite(r.ratios.deckhandOverFloor.first));
    assert.equal(r.ratios.ansibleOverDeckhand !== undefined, findOnPath('ansible-playbook'));
    assert.ok(r.machine.cores >= 1);
    assert.equal(r.machine.loadStart.length, 3);
    assert.deepEqual(r.startup.map((s) => s.samplesMs.length), [1, 1, 1]);
    assert.deepEqual(r.scale, []);
  });
});

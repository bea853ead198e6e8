import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../engine/cli/main.js';
import { captureIo } from '../../support/capture-io.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
  const io = captureIo(root);
  const code = await main(args, io);
  return { code, ...io.text() };
};

const RUN_FLAGS = ['--inventory', '--limit', '--tags', '--skip-tags', '--extra-vars', '--forks', '--check', '--diff', '-vvvv', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags', '--start-at-task', '--report'];

describe('cli: options and help', () => {
  it('--help names every subcommand and the exit codes', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    for (const w of ['run', 'lab', 'Exit codes']) assert.ok(r.out.includes(w), w);
  });
  it('run --help explains every flag', async () => {
    const r = await run(['run', '--help']);
    assert.equal(r.code, 0);
    for (const f of RUN_FLAGS) assert.ok(r.out.includes(f), f);
  });
  it('--version prints the version', async () => {
    const r = await run(['--version']);
    assert.match(r.out, /^deckhand \d+\.\d+\.\d+/);
  });

  const bad: [string[], RegExp][] = [
    [['run'], /missing PLAYBOOK/],
    [['run', 'a.yml', 'b.yml'], /expected one playbook/],
    [['run', 'a.yml', '--forks', '0'], /--forks must be a positive integer/],
    [['run', 'a.yml', '--no-such-flag'], /Unknown option/],
    [['frobnicate'], /unknown command/],
  ];
  for (const [args, msg] of bad) {
    it(`bad options exit 5: ${args.join(' ')}`, async () => {
      const r = await run(args);
      assert.equal(r.code, 5);
      assert.match(r.err, msg);
    });
  }
});

describe('cli: listing site.yml', () => {
  it('--list-tasks prints the tasks per play with their tags', async () => {
    const r = await run(['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--list-tasks']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /play #1 \(all\): Prepare every node/);
    assert.match(r.out, /docker : Install containerd\tTAGS: \[docker\]/);
    assert.match(r.out, /flannel : Apply the flannel manifest .*TAGS: \[flannel\]/);
    assert.match(r.out, /emqx-deploy : .*TAGS: \[emqx-deploy\]/);
  });
  it('--tags flannel lists only flannel tasks', async () => {
    const r = await run(['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--list-tasks', '--tags', 'flannel']);
    const tasks = r.out.split('\n').filter((l) => l.includes('TAGS:') && !l.includes('play #'));
    assert.ok(tasks.length >= 2);
    for (const t of tasks) assert.match(t, /^\s+flannel : /);
  });
  it('--list-hosts with --limit', async () => {
    const r = await run(['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--list-hosts', '--limit', 'k8s-worker1']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /hosts \(1\):\n\s+k8s-worker1/);
    assert.doesNotMatch(r.out, /k8s-master/);
  });
  it('--list-tags', async () => {
    const r = await run(['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--list-tags']);
    assert.match(r.out, /TASK TAGS: \[docker, kube-packages\]/);
  });
  it('--syntax-check of site.yml', async () => {
    const r = await run(['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--syntax-check']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /playbook: playbooks\/site\.yml/);
  });
});

describe('cli: the connection keyword', () => {
  it('connection: local on a play runs on the controller without SSH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deckhand-conn-'));
    writeFileSync(join(dir, 'pb.yml'), '- hosts: web1\n  connection: local\n  gather_facts: false\n  tasks:\n    - command: hostname\n      changed_when: false\n');
    const io = captureIo(dir);
    const code = await main(['run', 'pb.yml', '-i', 'web1,'], io);
    assert.equal(code, 0, io.text().out);
    assert.match(io.text().out, /ok: \[web1\]/);
  });
});

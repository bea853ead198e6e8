// A run cut short (a host failing half-way, or Ctrl-C) and then run again ends in the same state
// as a run that was never interrupted: the same files, modes and contents on every host; a
// third run changes nothing.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshot } from '../../compat/compat-run.js';
import { useSharedLab } from '../../support/lab-fixture.js';
import { runPlaybook } from '../run/run-deckhand.js';
import { isRunningArgv, spawnCli, cameTrue } from './fault-tools.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: base dir
      file: {path: "{{ base }}", state: directory, mode: "0755"}
    - name: config
      copy: {dest: "{{ base }}/app.conf", content: "port=1883\\nmode=cluster\\n", mode: "0640"}
    - name: break here
      fail: {msg: injected failure}
      when: inventory_hostname == (break_host | default(''))
    - name: nap
      command: sleep {{default nap 0}}
      changed_when: false
    - name: log level
      lineinfile: {path: "{{ base }}/log.conf", line: log=info, create: true, mode: "0644"}
    - name: data dir
      file: {path: "{{ base }}/data", state: directory, mode: "0700"}
    - name: ready marker
      command: touch {{ base }}/data/ready
      args: {creates: "{{ base }}/data/ready"}
    - name: current link
      file: {src: app.conf, dest: "{{ base }}/current.conf", state: link}
`;

describe('lab faults: a re-run after a partial run converges', function () {
  const lab = useSharedLab(this, 3);
  this.timeout(120_000);
  let reference: string | undefined;
  let dir: string;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'deckhand-conv-'));
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK);
    const r = await runPlaybook(PLAYBOOK, lab.info().inventoryPath, ['-e', 'base=/srv/conv-ref']);
    assert.equal(r.code, 0, r.out + r.err);
    const snap = await snapshot(lab.info(), '/srv/conv-ref');
    reference = snap['master'];
    assert.ok(reference?.includes('./current.conf link app.conf'), reference);
    assert.ok(Object.values(snap).every((s) => s === reference), 'hosts differ after an uninterrupted run');
  });

  async function converges(base: string): Promise<void> {
    const second = await runPlaybook(PLAYBOOK, lab.info().inventoryPath, ['-e', `base=${base}`]);
    assert.equal(second.code, 0, second.out + second.err);
    const snap = await snapshot(lab.info(), base);
    for (const h of lab.info().hosts) assert.equal(snap[h.name], reference, `${h.name} differs from the uninterrupted run`);
    const third = await runPlaybook(PLAYBOOK, lab.info().inventoryPath, ['-e', `base=${base}`]);
    assert.equal(third.code, 0);
    const changed = third.results.filter((x) => x.changed).map((x) => `${x.task}:${x.host}`);
    assert.deepEqual(changed, [], "changed on the third run");
  }

  it('a host that failed half-way catches up on the next run', async () => {
    const base = '/srv/conv-fail';
    const first = await runPlaybook(PLAYBOOK, lab.info().inventoryPath, ['-e', `base=${base}`, '-e', 'break_host=worker1']);
    assert.equal(first.code, 2, first.out + first.err);
    const partial = await snapshot(lab.info(), base);
    assert.equal(partial['master'], reference);
    assert.notEqual(partial['worker1'], reference, 'the failure came too late to leave a partial state');
    await converges(base);
  });

  it('a run interrupted with Ctrl-C catches up on the next run', async () => {
    const base = '/srv/conv-int';
    const cli = spawnCli(['run', 'playbook.yml', '-i', lab.info().inventoryPath, '-e', `base=${base}`, '-e', 'nap=2.04'], dir);
    assert.ok(await cameTrue(() => lab.info().hosts.every((h) => isRunningArgv(lab.info(), h.name, ['sleep', '2.04'])), 20_000), cli.stdout() + cli.stderr());
    cli.signal('SIGINT');
    const end = await cli.exited(20_000);
    assert.equal(end.code, 99, cli.stdout() + cli.stderr());
    const partial = await snapshot(lab.info(), base);
    for (const h of lab.info().hosts) assert.notEqual(partial[h.name], reference, `${h.name} is complete after the interrupt`);
    await converges(base);
  });
});

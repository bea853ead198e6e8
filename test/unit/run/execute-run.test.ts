// The run as a function: a prepared run and settings in, events out through the sink, an
// outcome value back. No signal handler, no exit code, no run_end: those are the CLI's.
import { strict as assert } from 'node:assert';
import { runPrepared, trace } from './run-prepared.js';

const inventory = `all:
  hosts:
    a: {ansible_connection: local, ansible_password: hunter2-pw}
    b: {ansible_connection: local}
    u: {ansible_host: 127.0.0.1, ansible_port: 1, ansible_timeout: 2}
`;

const playbook = `- hosts: all
  gather_facts: false
  tasks:
    - name: fails on b
      command: "false"
      when: inventory_hostname == 'b'
    - name: says
      debug: {msg: "the password is hunter2-pw"}
      when: inventory_hostname == 'a'
    - name: connects
      command: "true"
`;

describe('run/execute-run', function () {
  this.timeout(60_000);

  it('returns the failed and unreachable hosts and the per-host counts', async () => {
    const r = await runPrepared(playbook, { inventory });
    assert.equal(r.outcome.interrupted, false);
    assert.deepEqual(r.outcome.failed, ['b']);
    assert.deepEqual(r.outcome.unreachable, ['u']);
    assert.deepEqual(r.outcome.stats['a'], { ok: 2, changed: 1, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0 });
    assert.equal(r.outcome.stats['u']?.unreachable, 1);
    assert.ok(r.outcome.durationMs > 0);
    assert.deepEqual(trace(r).filter((t) => t.startsWith('connects:')), ['connects:a:changed', 'connects:u:unreachable']);
  });

  it('events reach the sink redacted; the stream ends with the caller, not with run_end', async () => {
    const r = await runPrepared(playbook, { inventory });
    assert.equal(r.events[0]?.type, 'run_start');
    assert.ok(!r.events.some((e) => e.type === 'run_end'));
    const said = r.results.find((x) => x.task === 'says');
    assert.equal(said?.result.data['msg'], 'the password is ********');
    assert.ok(!JSON.stringify(r.events).includes('hunter2-pw'));
  });

  it('installs no signal handler while it runs', async () => {
    const before = process.listenerCount('SIGINT');
    let during = -1;
    const onEvent = (): void => {
      during = process.listenerCount('SIGINT');
    };
    await runPrepared(`- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n`, { onEvent });
    assert.equal(during, before);
  });
});

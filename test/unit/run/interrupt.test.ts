// Cancellation, driven through the run's own Cancel (the CLI maps Ctrl-C onto it; see
// test/unit/cli/ctrl-c.test.ts): after request() no new task, retry, handler or play starts; what
// was running finishes within the grace period; abort() kills running local commands at once.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import type { RunSettings } from '../../../engine/run/run-settings.js';
import { runPrepared, trace, type DirectRun } from './run-prepared.js';
import { WatchedCancel } from './watched-cancel.js';
import { localSleeps } from '../../support/local-processes.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * The run's grace period for running commands. A run that ends well below it ended because its
 * work did, not because it waited the grace period out; below half of it is far above normal.
 */
const GRACE_S = 10;
/** A sleep of 30 s or more that ends this far below 30 s was cut short. */
const CUT_SHORT_S = 15;

/** Starts the run, waits for `ready`, then cancels it (abort: at once); returns the run and the seconds it took after. */
async function interrupted(playbook: string, ready: (cancel: WatchedCancel) => boolean, hosts = ['a'], settings: Partial<RunSettings> = {}, how: 'request' | 'abort' = 'request'): Promise<{ r: DirectRun; after: number }> {
  const cancel = new WatchedCancel();
  const running = runPrepared(playbook, { hosts, settings, cancel });
  await waitFor(() => ready(cancel), { timeoutMs: 20_000, what: 'the run to get to the point to interrupt' });
  const at = Date.now();
  if (how === 'abort') cancel.request();
  cancel[how]();
  const r = await running;
  return { r, after: (Date.now() - at) / 1000 };
}

const dataOf = (r: DirectRun, task: string, host: string): Readonly<Record<string, unknown>> | undefined => r.results.find((x) => x.task === task && x.host === host)?.result.data;

describe('run/interrupt', function () {
  this.timeout(60_000);

  it('a task running when interrupted finishes and is reported; its handler and the next task do not start', async () => {
    const { r, after } = await interrupted(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: nap
      command: sleep 1.11
      notify: h
    - name: next
      command: "true"
  handlers:
    - name: h
      command: "true"
`,
      () => localSleeps('1.11') === 2,
      ['a', 'b'],
    );
    assert.equal(r.outcome.interrupted, true);
    assert.ok(after < GRACE_S / 2, `${after} s: the run waited for the grace period, not for the task`);
    assert.deepEqual(trace(r), ['nap:a:changed', 'nap:b:changed']);
    assert.deepEqual(r.outcome.stats['a'], { ok: 1, changed: 1, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 });
    assert.deepEqual(r.events.filter((e) => e.type === 'interrupted'), [{ type: 'interrupted', second: false, graceMs: 10_000 }]);
  });

  it('hosts still queued behind --forks do not start after the interrupt', async () => {
    const { r } = await interrupted(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: nap
      shell: touch "{{ playbook_dir }}/ran-{{ inventory_hostname }}"; sleep 1.21
`,
      () => localSleeps('1.21') === 2,
      ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
      { forks: 2 },
    );
    assert.equal(r.outcome.interrupted, true);
    assert.deepEqual(readdirSync(r.dir).filter((f) => f.startsWith('ran-')).sort(), ['ran-h1', 'ran-h2']);
    assert.deepEqual(trace(r), ['nap:h1:changed', 'nap:h2:changed']);
  });

  it('an until delay ends at once and no further attempt starts', async () => {
    // Ready once the run sleeps its 30 s delay after the first attempt.
    const { r, after } = await interrupted(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: wait
      shell: sleep 0.31; false
      register: w
      until: w.rc == 0
      retries: 5
      delay: 30
`,
      (cancel) => cancel.longSleeps() > 0,
    );
    assert.equal(r.outcome.interrupted, true);
    assert.ok(after < CUT_SHORT_S, `${after} s: the 30 s delay was not cut short`);
    assert.equal(dataOf(r, 'wait', 'a')?.['attempts'], 1);
  });

  it('a loop stops before its next item; a pause ends at once', async () => {
    const { r, after } = await interrupted(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: items
      command: sleep 0.32
      loop: [1, 2, 3]
      loop_control: {pause: 30}
`,
      (cancel) => cancel.longSleeps() > 0,
    );
    assert.equal(r.outcome.interrupted, true);
    assert.ok(after < CUT_SHORT_S, `${after} s: the 30 s loop pause was not cut short`);
    assert.equal(r.results[0]?.result.items?.length, 1);
  });

  const sleepers: { name: string; task: string }[] = [
    { name: 'pause', task: 'pause: {seconds: 30}' },
    { name: 'wait_for polling a path', task: 'wait_for: {path: /nonexistent/deckhand-never, timeout: 60, sleep: 1}' },
  ];
  for (const c of sleepers) {
    it(`${c.name}: ends at once, failed as interrupted, without polling on`, async () => {
      // Ready once the sleeper sleeps: it is then under way.
      const { r, after } = await interrupted(`- hosts: all\n  gather_facts: false\n  tasks:\n    - command: sleep 0.34\n    - name: sleeper\n      ${c.task}\n`, (cancel) => cancel.longSleeps() > 0);
      assert.equal(r.outcome.interrupted, true);
      assert.ok(after < CUT_SHORT_S, `${after} s: the sleeper was not cut short`);
      const res = r.results.find((x) => x.task === 'sleeper');
      assert.equal(res?.status, 'failed');
      assert.equal(res?.result.msg, 'interrupted (Ctrl-C)');
    });
  }

  it('no later play starts', async () => {
    const { r } = await interrupted(
      `- hosts: all
  gather_facts: false
  tasks:
    - command: sleep 1.12
- name: second
  hosts: all
  gather_facts: false
  tasks:
    - command: "true"
`,
      () => localSleeps('1.12') === 1,
    );
    assert.equal(r.outcome.interrupted, true);
    assert.deepEqual(r.events.filter((e) => e.type === 'play_start').length, 1);
  });

  it('abort(): a running local command is killed at once; the run does not wait for it', async () => {
    const { r, after } = await interrupted(
      `- hosts: all
  gather_facts: false
  tasks:
    - command: sleep 30.41
    - name: next
      command: "true"
`,
      () => localSleeps('30.41') === 1,
      ['a'],
      {},
      'abort',
    );
    assert.ok(after < CUT_SHORT_S, `${after} s: the run waited for the 30 s command`);
    assert.equal(localSleeps('30.41'), 0);
    assert.deepEqual(r.events.flatMap((e) => (e.type === 'interrupted' ? [e.second] : [])), [false, true]);
    assert.ok(!trace(r).some((t) => t.startsWith('next:')), trace(r).join());
  });
});

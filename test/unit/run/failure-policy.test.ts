// Failure policy: serial batches (with handlers per batch), any_errors_fatal, max_fail_percentage,
// ignore_errors, ignore_unreachable. Each case is a playbook and the results it must produce.
import { strict as assert } from 'node:assert';
import type { HostStats } from '../../../engine/report/events.js';
import { recap, runLocal, trace, type LocalRunOptions } from './run-local.js';

interface Case {
  readonly name: string;
  readonly playbook: string;
  readonly opts?: LocalRunOptions;
  readonly code: number;
  /** `task:host:status`, in order. */
  readonly trace: readonly string[];
  readonly recap?: Readonly<Record<string, string>>;
}

const five = ['h1', 'h2', 'h3', 'h4', 'h5'];
const four = ['h1', 'h2', 'h3', 'h4'];
const batchPlay = (serial: string): string => `- hosts: all
  gather_facts: false
  serial: ${serial}
  tasks:
    - name: t
      command: "true"
      notify: h
  handlers:
    - name: h
      command: "true"
`;
/** The trace of one batch: the task, then its handler, on the batch's hosts. */
const batch = (...hosts: string[]): string[] => [...hosts.map((h) => `t:${h}:changed`), ...hosts.map((h) => `h:${h}:changed`)];

const cases: Case[] = [
  { name: 'serial: 2 — batches of 2, 2, 1, handlers after each', playbook: batchPlay('2'), opts: { hosts: five }, code: 0, trace: [...batch('h1', 'h2'), ...batch('h3', 'h4'), ...batch('h5')] },
  { name: 'serial: "50%" of 4 — two batches of 2', playbook: batchPlay('"50%"'), opts: { hosts: four }, code: 0, trace: [...batch('h1', 'h2'), ...batch('h3', 'h4')] },
  { name: 'serial: [1, 2] — 1, then 2 until done', playbook: batchPlay('[1, 2]'), opts: { hosts: five }, code: 0, trace: [...batch('h1'), ...batch('h2', 'h3'), ...batch('h4', 'h5')] },
  {
    name: 'serial: a whole batch failing stops the play and the run',
    playbook: `- hosts: all
  gather_facts: false
  serial: 2
  tasks:
    - name: t
      command: "false"
      when: inventory_hostname in ['h1', 'h2']
- hosts: all
  gather_facts: false
  tasks:
    - name: later
      command: "true"
`,
    opts: { hosts: four },
    code: 2,
    trace: ['t:h1:failed', 't:h2:failed'],
  },
  {
    name: 'serial: a batch with one failure goes on to the next batch',
    playbook: `- hosts: all
  gather_facts: false
  serial: 2
  tasks:
    - name: t
      command: "false"
      when: inventory_hostname == 'h1'
`,
    opts: { hosts: four },
    code: 2,
    trace: ['t:h1:failed', 't:h2:skipped', 't:h3:skipped', 't:h4:skipped'],
  },
  {
    name: 'any_errors_fatal: one failure ends the play for all, and the run',
    playbook: `- hosts: all
  gather_facts: false
  any_errors_fatal: true
  tasks:
    - name: t1
      command: "true"
      notify: h
    - name: t2
      fail: msg=no
      when: inventory_hostname == 'b'
    - name: t3
      command: "true"
  handlers:
    - name: h
      command: "true"
- hosts: all
  gather_facts: false
  tasks:
    - name: later
      command: "true"
`,
    code: 2,
    trace: ['t1:a:changed', 't1:b:changed', 't1:c:changed', 't2:a:skipped', 't2:b:failed', 't2:c:skipped'],
    recap: { a: 'ok=1 failed=0', b: 'ok=1 failed=1', c: 'ok=1 failed=0' },
  },
  {
    name: 'any_errors_fatal with force_handlers: the stopped hosts still run what they were notified of',
    playbook: `- hosts: all
  gather_facts: false
  any_errors_fatal: true
  force_handlers: true
  tasks:
    - name: t1
      command: "true"
      notify: h
    - name: t2
      fail: msg=no
      when: inventory_hostname == 'b'
  handlers:
    - name: h
      command: "true"
`,
    code: 2,
    trace: ['t1:a:changed', 't1:b:changed', 't1:c:changed', 't2:a:skipped', 't2:b:failed', 't2:c:skipped', 'h:a:changed', 'h:b:changed', 'h:c:changed'],
  },
  {
    name: 'any_errors_fatal on a block applies to its tasks',
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - name: t1
          fail: msg=no
          when: inventory_hostname == 'a'
      any_errors_fatal: true
    - name: t2
      command: "true"
`,
    code: 2,
    trace: ['t1:a:failed', 't1:b:skipped', 't1:c:skipped'],
  },
  {
    name: 'any_errors_fatal inside a block with rescue: every host fails into the rescue, then goes on',
    playbook: `- hosts: all
  gather_facts: false
  any_errors_fatal: true
  tasks:
    - block:
        - name: b1
          fail: msg=no
          when: inventory_hostname == 'a'
        - name: b2
          command: "true"
      rescue:
        - name: r1
          debug: {msg: "rescued after {{ ansible_failed_task.name }}"}
    - name: after
      command: "true"
`,
    code: 0,
    trace: ['b1:a:failed', 'b1:b:skipped', 'b1:c:skipped', 'r1:a:ok', 'r1:b:ok', 'r1:c:ok', 'after:a:changed', 'after:b:changed', 'after:c:changed'],
    recap: { a: 'failed=0 rescued=1', b: 'failed=0 rescued=1', c: 'failed=0 rescued=1' },
  },
  {
    name: 'max_fail_percentage: 1 of 4 failed (25%) is not above 30: goes on',
    playbook: `- hosts: all
  gather_facts: false
  max_fail_percentage: 30
  tasks:
    - name: t1
      fail: msg=no
      when: inventory_hostname == 'h1'
    - name: t2
      command: "true"
`,
    opts: { hosts: four },
    code: 2,
    trace: ['t1:h1:failed', 't1:h2:skipped', 't1:h3:skipped', 't1:h4:skipped', 't2:h2:changed', 't2:h3:changed', 't2:h4:changed'],
  },
  {
    name: 'max_fail_percentage: 2 of 4 failed (50%) is above 30: the play and the run end',
    playbook: `- hosts: all
  gather_facts: false
  max_fail_percentage: 30
  tasks:
    - name: t1
      fail: msg=no
      when: inventory_hostname in ['h1', 'h2']
    - name: t2
      command: "true"
- hosts: all
  gather_facts: false
  tasks:
    - name: later
      command: "true"
`,
    opts: { hosts: four },
    code: 2,
    trace: ['t1:h1:failed', 't1:h2:failed', 't1:h3:skipped', 't1:h4:skipped'],
  },
  {
    name: 'ignore_errors: the failure is shown, counted as ok+ignored, and the host goes on',
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      command: "false"
      ignore_errors: "{{ eq inventory_hostname 'a' }}"
    - name: t2
      command: "true"
`,
    opts: { hosts: ['a', 'b'] },
    code: 2,
    trace: ['t1:a:failed', 't1:b:failed', 't2:a:changed'],
    recap: { a: 'ok=2 failed=0 ignored=1', b: 'ok=0 failed=1 ignored=0' },
  },
  {
    name: 'ignore_unreachable: the host stays in the play; an unignored unreachable drops it (exit 4)',
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      command: "true"
      ignore_unreachable: true
    - name: t2
      debug: {msg: still here}
    - name: t3
      command: "true"
    - name: t4
      debug: msg=gone
`,
    opts: { inventory: 'all:\n  hosts:\n    a: {ansible_connection: local}\n    u: {ansible_host: 127.0.0.1, ansible_port: 1, ansible_timeout: 2}\n' },
    code: 4,
    trace: ['t1:a:changed', 't1:u:unreachable', 't2:a:ok', 't2:u:ok', 't3:a:changed', 't3:u:unreachable', 't4:a:ok'],
    recap: { a: 'ok=4 unreachable=0 ignored=0', u: 'ok=2 unreachable=1 ignored=1' },
  },
];

describe('run/failure policy', function () {
  this.timeout(60_000);
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runLocal(c.playbook, c.opts);
      assert.deepEqual(trace(r), c.trace, r.console);
      assert.equal(r.code, c.code, r.console);
      if (c.recap) {
        const keys = Object.values(c.recap)[0]?.split(' ').map((kv) => kv.split('=')[0]) as (keyof HostStats)[];
        assert.deepEqual(recap(r, keys), c.recap);
      }
    });
  }
});

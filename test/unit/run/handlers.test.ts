// Handlers: once per host at the end of the play (or at meta: flush_handlers), in definition order,
// by name or `listen`, never for hosts that failed (unless force_handlers), chained by notify.
import { strict as assert } from 'node:assert';
import { runLocal, trace, type LocalRunOptions } from './run-local.js';

interface Case {
  readonly name: string;
  readonly playbook: string;
  readonly opts?: LocalRunOptions;
  readonly code?: number;
  readonly trace: readonly string[];
}

const two: LocalRunOptions = { hosts: ['a', 'b'] };
const one: LocalRunOptions = { hosts: ['a'] };

const cases: Case[] = [
  {
    name: 'run once at the end, however often notified, in definition order (not notification order)',
    opts: two,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      command: "true"
      notify: [h-second, h-first]
    - name: t2
      command: "true"
      notify: h-second
    - name: t3
      command: "true"
      changed_when: false
      notify: h-never
  handlers:
    - name: h-first
      command: "true"
    - name: h-second
      command: "true"
    - name: h-never
      command: "true"
`,
    trace: ['t1:a:changed', 't1:b:changed', 't2:a:changed', 't2:b:changed', 't3:a:ok', 't3:b:ok', 'h-first:a:changed', 'h-first:b:changed', 'h-second:a:changed', 'h-second:b:changed'],
  },
  {
    name: 'only the hosts whose task changed are notified',
    opts: two,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t
      command: "true"
      changed_when: inventory_hostname == 'b'
      notify: h
  handlers:
    - name: h
      command: "true"
`,
    trace: ['t:a:ok', 't:b:changed', 'h:b:changed'],
  },
  {
    name: 'listen: one notification runs every handler listening to it',
    opts: one,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t
      command: "true"
      notify: restart web
  handlers:
    - name: h1
      command: "true"
      listen: restart web
    - name: h2
      command: "true"
    - name: h3
      command: "true"
      listen: [other, restart web]
`,
    trace: ['t:a:changed', 'h1:a:changed', 'h3:a:changed'],
  },
  {
    name: 'meta: flush_handlers runs them mid-play; a later notification runs them again at the end',
    opts: one,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      command: "true"
      notify: h
    - meta: flush_handlers
    - name: t2
      command: "true"
    - name: t3
      command: "true"
      notify: h
  handlers:
    - name: h
      command: "true"
`,
    trace: ['t1:a:changed', 'h:a:changed', 't2:a:changed', 't3:a:changed', 'h:a:changed'],
  },
  {
    name: 'a host that failed after being notified does not run the handler; the others do',
    opts: two,
    code: 2,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      command: "true"
      notify: h
    - name: t2
      command: "false"
      when: inventory_hostname == 'b'
  handlers:
    - name: h
      command: "true"
`,
    trace: ['t1:a:changed', 't1:b:changed', 't2:a:skipped', 't2:b:failed', 'h:a:changed'],
  },
  {
    name: 'force_handlers: a failed host still runs what it was notified of',
    opts: two,
    code: 2,
    playbook: `- hosts: all
  gather_facts: false
  force_handlers: true
  tasks:
    - name: t1
      command: "true"
      notify: h
    - name: t2
      command: "false"
      when: inventory_hostname == 'b'
  handlers:
    - name: h
      command: "true"
`,
    trace: ['t1:a:changed', 't1:b:changed', 't2:a:skipped', 't2:b:failed', 'h:a:changed', 'h:b:changed'],
  },
  {
    name: 'chaining: a handler notifies a later one, which runs in the same flush',
    opts: one,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t
      command: "true"
      notify: h1
  handlers:
    - name: h1
      command: "true"
      notify: h2
    - name: h2
      command: "true"
`,
    trace: ['t:a:changed', 'h1:a:changed', 'h2:a:changed'],
  },
  {
    name: 'chaining backwards: a handler notifying an earlier one runs it before the play ends',
    opts: one,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t
      command: "true"
      notify: h2
  handlers:
    - name: h1
      command: "true"
    - name: h2
      command: "true"
      notify: h1
`,
    trace: ['t:a:changed', 'h2:a:changed', 'h1:a:changed'],
  },
  {
    name: 'handlers flush after pre_tasks, after roles+tasks and after post_tasks',
    opts: one,
    playbook: `- hosts: all
  gather_facts: false
  pre_tasks:
    - name: p
      command: "true"
      notify: h
  tasks:
    - name: t
      command: "true"
      notify: h
  post_tasks:
    - name: q
      command: "true"
      notify: h
  handlers:
    - name: h
      command: "true"
`,
    trace: ['p:a:changed', 'h:a:changed', 't:a:changed', 'h:a:changed', 'q:a:changed', 'h:a:changed'],
  },
  {
    name: 'a notification left over when a play ends does not carry into the next play',
    opts: one,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t
      command: "true"
      notify: h
    - meta: end_play
  handlers:
    - name: h
      command: "true"
- hosts: all
  gather_facts: false
  tasks:
    - name: t2
      command: "true"
  handlers:
    - name: h
      command: "true"
`,
    trace: ['t:a:changed', 't2:a:changed'],
  },
  {
    name: 'a handler that fails fails its host',
    opts: one,
    code: 2,
    playbook: `- hosts: all
  gather_facts: false
  tasks:
    - name: t
      command: "true"
      notify: [h1, h2]
  handlers:
    - name: h1
      command: "false"
    - name: h2
      command: "true"
`,
    trace: ['t:a:changed', 'h1:a:failed'],
  },
];

describe('run/handlers', function () {
  this.timeout(60_000);
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runLocal(c.playbook, c.opts);
      assert.deepEqual(trace(r), c.trace, r.console);
      assert.equal(r.code, c.code ?? 0, r.console);
      assert.ok(r.results.filter((x) => x.handler).every((x) => x.task.startsWith('h')));
    });
  }
});

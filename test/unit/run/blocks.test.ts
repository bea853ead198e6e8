// block / rescue / always, counted as Ansible counts them: a failure that a rescue takes over is
// `rescued`, not `failed`; always runs whether or not the block failed; a failure in rescue stays.
import { strict as assert } from 'node:assert';
import { dataOf, recap, runLocal, trace } from './run-local.js';

interface Case {
  readonly name: string;
  readonly tasks: string;
  readonly code: number;
  readonly trace: readonly string[];
  readonly recap: Readonly<Record<string, string>>;
}

const KEYS = ['ok', 'failed', 'rescued', 'skipped'] as const;

const cases: Case[] = [
  {
    name: 'rescue runs for the failed host only; it counts as rescued and goes on',
    tasks: `
    - block:
        - name: b1
          command: "false"
          when: inventory_hostname == 'b'
        - name: b2
          command: "true"
      rescue:
        - name: r1
          command: "true"
      always:
        - name: a1
          command: "true"
    - name: after
      command: "true"`,
    code: 0,
    trace: ['b1:a:skipped', 'b1:b:failed', 'b2:a:changed', 'r1:b:changed', 'a1:a:changed', 'a1:b:changed', 'after:a:changed', 'after:b:changed'],
    recap: { a: 'ok=3 failed=0 rescued=0 skipped=1', b: 'ok=3 failed=0 rescued=1 skipped=0' },
  },
  {
    name: 'a failure in rescue stays a failure; always still runs, then the host is out',
    tasks: `
    - block:
        - name: b1
          command: "false"
          when: inventory_hostname == 'b'
      rescue:
        - name: r1
          command: "false"
        - name: r2
          command: "true"
      always:
        - name: a1
          command: "true"
    - name: after
      command: "true"`,
    code: 2,
    trace: ['b1:a:skipped', 'b1:b:failed', 'r1:b:failed', 'a1:a:changed', 'a1:b:changed', 'after:a:changed'],
    recap: { a: 'ok=2 failed=0 rescued=0 skipped=1', b: 'ok=1 failed=1 rescued=1 skipped=0' },
  },
  {
    name: 'always without rescue: runs on failure, and the failure stands',
    tasks: `
    - block:
        - name: b1
          command: "false"
          when: inventory_hostname == 'b'
      always:
        - name: a1
          command: "true"
    - name: after
      command: "true"`,
    code: 2,
    trace: ['b1:a:skipped', 'b1:b:failed', 'a1:a:changed', 'a1:b:changed', 'after:a:changed'],
    recap: { a: 'ok=2 failed=0 rescued=0 skipped=1', b: 'ok=1 failed=1 rescued=0 skipped=0' },
  },
  {
    name: 'nested: an inner failure without rescue is rescued by the outer block',
    tasks: `
    - block:
        - block:
            - name: inner
              command: "false"
              when: inventory_hostname == 'b'
          always:
            - name: inner always
              command: "true"
        - name: rest of outer
          command: "true"
      rescue:
        - name: outer rescue
          command: "true"`,
    code: 0,
    trace: ['inner:a:skipped', 'inner:b:failed', 'inner always:a:changed', 'inner always:b:changed', 'rest of outer:a:changed', 'outer rescue:b:changed'],
    recap: { a: 'ok=2 failed=0 rescued=0 skipped=1', b: 'ok=2 failed=0 rescued=1 skipped=0' },
  },
  {
    name: 'when on a block applies to each of its tasks',
    tasks: `
    - block:
        - name: b1
          command: "true"
        - name: b2
          command: "true"
      when: inventory_hostname == 'a'`,
    code: 0,
    trace: ['b1:a:changed', 'b1:b:skipped', 'b2:a:changed', 'b2:b:skipped'],
    recap: { a: 'ok=2 failed=0 rescued=0 skipped=0', b: 'ok=0 failed=0 rescued=0 skipped=2' },
  },
];

const play = (tasks: string): string => `- hosts: all\n  gather_facts: false\n  tasks:${tasks}\n`;

describe('run/blocks', function () {
  this.timeout(60_000);
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runLocal(play(c.tasks), { hosts: ['a', 'b'] });
      assert.deepEqual(trace(r), c.trace, r.console);
      assert.equal(r.code, c.code, r.console);
      assert.deepEqual(recap(r, KEYS), c.recap);
    });
  }

  it('rescue sees ansible_failed_task and ansible_failed_result', async () => {
    const r = await runLocal(
      play(`
    - block:
        - name: the broken one
          command: sh -c "echo oops; exit 3"
      rescue:
        - name: report
          debug:
            msg: "{{ ansible_failed_task.name }} rc={{ ansible_failed_result.rc }} out={{ ansible_failed_result.stdout }}"`),
      { hosts: ['a'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.equal(dataOf(r, 'report', 'a')?.['msg'], 'the broken one rc=3 out=oops');
  });
});

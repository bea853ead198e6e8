// Task keywords the runner implements: when, loop + loop_control, until/retries/delay,
// changed_when/failed_when, register, set_fact, environment, run_once, delegate_to, check_mode.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataOf, recap, runLocal, trace } from './run-local.js';

const play = (tasks: string, extra = ''): string => `- hosts: all\n  gather_facts: false\n${extra}  tasks:${tasks}\n`;

describe('run/task keywords', function () {
  this.timeout(60_000);

  const whens: { name: string; when: string; vars?: string; ran: string[] }[] = [
    { name: 'a string', when: "inventory_hostname != 'b'", ran: ['a', 'c'] },
    { name: 'a list is AND', when: "\n        - inventory_hostname != 'a'\n        - inventory_hostname != 'c'", ran: ['b'] },
    { name: 'a list guards later items (is defined, then use)', when: '\n        - n is defined\n        - n > 1', vars: '    n: 2\n', ran: ['a', 'b', 'c'] },
    { name: 'a guarded undefined variable is false, not an error', when: '\n        - nope is defined\n        - nope > 1', ran: [] },
    { name: 'a boolean', when: 'false', ran: [] },
  ];
  for (const w of whens) {
    it(`when: ${w.name}`, async () => {
      const r = await runLocal(play(`\n    - name: t\n      command: "true"\n      when: ${w.when}`, w.vars ? `  vars:\n${w.vars}` : ''));
      assert.equal(r.code, 0, r.console);
      assert.deepEqual(r.results.filter((x) => x.status === 'changed').map((x) => x.host), w.ran);
    });
  }

  it('when: an undefined variable fails the host with the condition named', async () => {
    const r = await runLocal(play('\n    - name: t\n      command: "true"\n      when: nope > 1'), { hosts: ['a'] });
    assert.equal(r.code, 2);
    assert.match(r.results[0]?.result.msg ?? '', /nope.*in condition 'nope > 1'/);
  });

  it('when on a role entry applies to every task of the role', async () => {
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  roles:\n    - role: r1\n      when: inventory_hostname == 'b'\n`, {
      files: { 'roles/r1/tasks/main.yml': '- name: r-one\n  command: "true"\n- name: r-two\n  command: "true"\n' },
    });
    assert.equal(r.code, 0, r.console);
    assert.deepEqual(trace(r), ['r-one:a:skipped', 'r-one:b:changed', 'r-one:c:skipped', 'r-two:a:skipped', 'r-two:b:changed', 'r-two:c:skipped']);
    assert.match(r.console, /TASK \[r1 : r-one\]/);
  });

  it('loop with loop_var, index_var, label and a per-item when; register holds results', async () => {
    const r = await runLocal(
      play(`
    - name: each
      shell: echo {{ idx }}-{{ thing.n }}
      loop: [{n: x}, {n: y}, {n: z}]
      loop_control:
        loop_var: thing
        index_var: idx
        label: "item {{ thing.n }}"
      when: thing.n != 'y'
      register: out
    - name: show
      debug:
        msg: "{{ join (lookup (lookup out.results 0) 'stdout_lines') ',' }}|{{ out.results.[1].skipped }}|{{ length out.results }}"`),
      { hosts: ['a'] },
    );
    assert.equal(r.code, 0, r.console);
    const each = r.results[0]?.result;
    assert.deepEqual(each?.items?.map((i) => `${i.label}:${i.status}`), ['item x:changed', 'item y:skipped', 'item z:changed']);
    assert.equal(dataOf(r, 'show', 'a')?.['msg'], '0-x|true|3');
    assert.match(r.console, /changed: \[a\] => \(item=item x\)/);
    assert.match(r.console, /skipping: \[a\] => \(item=item y\)/);
  });

  it('loop_control.pause waits between items', async () => {
    const t0 = Date.now();
    const r = await runLocal(play('\n    - name: t\n      command: "true"\n      loop: [1, 2, 3]\n      loop_control: {pause: 0.3}'), { hosts: ['a'] });
    assert.equal(r.code, 0, r.console);
    assert.ok(Date.now() - t0 >= 600, 'two pauses of 0.3 s');
  });

  it('until/retries/delay: retries until the condition holds; attempts is registered', async () => {
    const t0 = Date.now();
    const r = await runLocal(
      play(`
    - name: count
      shell: n=$(cat c 2>/dev/null || echo 0); n=$((n+1)); echo $n > c; echo $n
      args: {chdir: "{{ playbook_dir }}"}
      register: r
      until: r.stdout == '3'
      retries: 5
      delay: 0.2
      changed_when: false`),
      { hosts: ['a'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.equal(dataOf(r, 'count', 'a')?.['attempts'], 3);
    assert.ok(Date.now() - t0 >= 400, 'two delays of 0.2 s');
  });

  it('until: retries exhausted fails after retries + 1 attempts', async () => {
    const r = await runLocal(play('\n    - name: never\n      command: "false"\n      register: r\n      until: r.rc == 0\n      retries: 2\n      delay: 0'), { hosts: ['a'] });
    assert.equal(r.code, 2);
    assert.equal(dataOf(r, 'never', 'a')?.['attempts'], 3);
  });

  it('changed_when / failed_when see the registered result', async () => {
    const r = await runLocal(
      play(`
    - name: exit3
      shell: echo hello; exit 3
      register: res
      failed_when: res.rc != 3
      changed_when: "'hello' not in res.stdout"
    - name: really fails
      shell: echo bad
      register: res2
      failed_when: "'bad' in res2.stdout"`),
      { hosts: ['a'] },
    );
    assert.deepEqual(trace(r), ['exit3:a:ok', 'really fails:a:failed']);
    assert.equal(r.results[1]?.result.msg, 'failed_when condition was true');
  });

  it('register: the shapes of command, skipped and failed results', async () => {
    const r = await runLocal(
      play(`
    - name: cmd
      shell: printf 'one\\ntwo\\n'; echo err >&2
      register: c
    - name: skipped
      command: "true"
      when: false
      register: s
    - name: failing
      command: "false"
      ignore_errors: true
      register: f
    - name: show
      debug:
        msg: "{{ c.rc }}|{{ join c.stdout_lines ',' }}|{{ c.stderr }}|{{ c.changed }}|{{ s.skipped }}|{{ s.changed }}|{{ f.failed }}|{{ f.rc }}"`),
      { hosts: ['a'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.equal(dataOf(r, 'show', 'a')?.['msg'], '0|one,two|err|true|true|false|true|1');
  });

  it('set_fact then use; a later play still sees it', async () => {
    const r = await runLocal(
      `${play('\n    - set_fact:\n        greeting: "hi {{ inventory_hostname }}"')}${play('\n    - name: use\n      debug:\n        msg: "{{ greeting }}"')}`,
      { hosts: ['a', 'b'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.equal(dataOf(r, 'use', 'b')?.['msg'], 'hi b');
  });

  it('environment from the play and the task reaches the command', async () => {
    const r = await runLocal(play('\n    - name: env\n      shell: echo $A-$B\n      environment: {B: task}\n      register: e', '  environment: {A: play, B: play}\n'), { hosts: ['a'] });
    assert.equal(dataOf(r, 'env', 'a')?.['stdout'], 'play-task', 'merged outermost first, the task winning, as in Ansible');
  });

  it('run_once: runs on the first host, counts there, is registered on every host', async () => {
    const r = await runLocal(
      play(`
    - name: once
      shell: echo ran on {{ inventory_hostname }}
      run_once: true
      register: o
    - set_fact:
        shared: "{{ inventory_hostname }}"
      run_once: true
    - name: show
      debug:
        msg: "{{ o.stdout }} / {{ shared }}"`),
    );
    assert.equal(r.code, 0, r.console);
    assert.deepEqual(trace(r).filter((t) => t.startsWith('once')), ['once:a:changed']);
    for (const h of ['a', 'b', 'c']) assert.equal(dataOf(r, 'show', h)?.['msg'], 'ran on a / a');
    assert.deepEqual(recap(r, ['ok', 'changed']), { a: 'ok=3 changed=1', b: 'ok=1 changed=0', c: 'ok=1 changed=0' });
  });

  it('run_once: a failure fails every host of the play', async () => {
    const r = await runLocal(play('\n    - name: once\n      command: "false"\n      run_once: true\n    - name: after\n      command: "true"'));
    assert.equal(r.code, 2);
    assert.deepEqual(trace(r), ['once:a:failed']);
  });

  it('delegate_to: localhost runs on the controller with the host\'s variables; shown as host -> localhost', async () => {
    const r = await runLocal(
      play(`
    - name: delegated
      shell: echo {{ inventory_hostname }} > {{ playbook_dir }}/d.{{ inventory_hostname }}
      delegate_to: localhost
      register: d`),
      { hosts: ['a', 'b'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.ok(existsSync(join(r.dir, 'd.a')) && existsSync(join(r.dir, 'd.b')));
    assert.equal(r.results[0]?.result.delegatedTo, 'localhost');
    assert.match(r.console, /changed: \[a -> localhost\]/);
  });

  it('check_mode: false runs for real in a --check run; other tasks only predict', async () => {
    const r = await runLocal(
      play(`
    - name: real
      shell: touch {{ playbook_dir }}/real
      check_mode: false
    - name: predicted
      shell: touch {{ playbook_dir }}/predicted
    - name: copy predicted
      copy: {content: x, dest: "{{ playbook_dir }}/copied"}`),
      { hosts: ['a'], args: ['--check'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.ok(existsSync(join(r.dir, 'real')));
    assert.ok(!existsSync(join(r.dir, 'predicted')));
    assert.ok(!existsSync(join(r.dir, 'copied')));
    // command and shell predict "changed" in check mode without running (docs/modules.md).
    assert.deepEqual(trace(r), ['real:a:changed', 'predicted:a:changed', 'copy predicted:a:changed']);
  });

  it('--check --diff: the diff is shown, nothing changes, notified handlers run in check mode too', async () => {
    const r = await runLocal(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: seed
      copy: {content: "old\\n", dest: "{{ playbook_dir }}/f"}
      check_mode: false
    - name: edit
      copy: {content: "new\\n", dest: "{{ playbook_dir }}/f"}
      notify: h
  handlers:
    - name: h
      shell: touch {{ playbook_dir }}/handler-ran
`,
      { hosts: ['a'], args: ['--check', '--diff'] },
    );
    assert.equal(r.code, 0, r.console);
    assert.deepEqual(trace(r), ['seed:a:changed', 'edit:a:changed', 'h:a:changed']);
    assert.equal(readFileSync(join(r.dir, 'f'), 'utf8'), 'old\n');
    assert.ok(!existsSync(join(r.dir, 'handler-ran')));
    assert.match(r.console, /-old\n\+new/);
  });
});

// The linear strategy: each task on every host before the next, at most --forks at once, a failed
// host dropped for the rest of the play and the run, exit codes from the hosts' end states.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recap, runLocal, trace } from './run-local.js';

/** Each host appends "start end" (seconds) for each task it runs to <dir>/t/<task>.<host>. */
const timed = (task: string, sleep: number): string => `
    - name: ${task}
      shell: |
        mkdir -p "{{ playbook_dir }}/t"
        s=$(date +%s.%N); sleep ${sleep}; e=$(date +%s.%N)
        echo "$s $e" > "{{ playbook_dir }}/t/${task}.{{ inventory_hostname }}"`;

/**
 * Like `timed`, but each host first waits (up to 20 s) until `together` hosts have entered the
 * task: hosts the forks let run at once then provably overlap, however slowly they start.
 */
const gathered = (task: string, together: number): string => `
    - name: ${task}
      shell: |
        mkdir -p "{{ playbook_dir }}/t" "{{ playbook_dir }}/in"
        s=$(date +%s.%N)
        touch "{{ playbook_dir }}/in/{{ inventory_hostname }}"
        i=0
        while [ "$(ls "{{ playbook_dir }}/in" | wc -l)" -lt ${together} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
        sleep 0.1
        e=$(date +%s.%N)
        echo "$s $e" > "{{ playbook_dir }}/t/${task}.{{ inventory_hostname }}"`;

interface Span {
  readonly task: string;
  readonly host: string;
  readonly start: number;
  readonly end: number;
}

function spans(dir: string): Span[] {
  return readdirSync(join(dir, 't')).map((f) => {
    const [task = '', host = ''] = f.split('.');
    const [start = 0, end = 0] = readFileSync(join(dir, 't', f), 'utf8').trim().split(' ').map(Number);
    return { task, host, start, end };
  });
}

/** The most spans open at one instant. */
function maxOverlap(list: readonly Span[]): number {
  const edges = list.flatMap((s) => [{ t: s.start, d: 1 }, { t: s.end, d: -1 }]).sort((x, y) => x.t - y.t || x.d - y.d);
  let open = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (open += e.d));
  return max;
}

const six = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

describe('run/strategy: linear order and forks', function () {
  this.timeout(60_000);

  it('each task finishes on every host before the next starts; results in host order', async () => {
    const r = await runLocal(`- hosts: all
  gather_facts: false
  tasks:${timed('one', 0.2)}${timed('two', 0.05)}
`);
    assert.equal(r.code, 0, r.console);
    assert.deepEqual(trace(r), ['one:a:changed', 'one:b:changed', 'one:c:changed', 'two:a:changed', 'two:b:changed', 'two:c:changed']);
    const all = spans(r.dir);
    const lastOne = Math.max(...all.filter((s) => s.task === 'one').map((s) => s.end));
    const firstTwo = Math.min(...all.filter((s) => s.task === 'two').map((s) => s.start));
    assert.ok(lastOne <= firstTwo, `task two started at ${firstTwo} before task one ended at ${lastOne}`);
  });

  const forks: { args: string[]; max: number }[] = [
    { args: ['-f', '1'], max: 1 },
    { args: ['-f', '2'], max: 2 },
    { args: [], max: 5 }, // the default, as in Ansible
    { args: ['-f', '10'], max: 6 },
  ];
  for (const c of forks) {
    it(`forks ${c.args.join(' ') || '(default)'} with 6 hosts: at most ${c.max} at once, and that many do run together`, async () => {
      const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:${gathered('w', c.max)}\n`, { hosts: six, args: c.args });
      assert.equal(r.code, 0, r.console);
      const s = spans(r.dir);
      assert.equal(s.length, 6);
      assert.equal(maxOverlap(s), c.max);
    });
  }

  it('a failing host is dropped for the rest of the play and later plays; the others go on (exit 2)', async () => {
    const r = await runLocal(`- hosts: all
  gather_facts: false
  tasks:
    - name: first
      command: "true"
    - name: breaks on b
      command: "false"
      when: inventory_hostname == 'b'
    - name: after
      command: "true"
- name: second play
  hosts: all
  gather_facts: false
  tasks:
    - name: later
      command: "true"
`);
    assert.equal(r.code, 2, r.console);
    assert.deepEqual(trace(r), [
      'first:a:changed', 'first:b:changed', 'first:c:changed',
      'breaks on b:a:skipped', 'breaks on b:b:failed', 'breaks on b:c:skipped',
      'after:a:changed', 'after:c:changed',
      'later:a:changed', 'later:c:changed',
    ]);
    assert.deepEqual(recap(r, ['ok', 'changed', 'failed', 'skipped']), {
      a: 'ok=3 changed=3 failed=0 skipped=1',
      b: 'ok=1 changed=1 failed=1 skipped=0',
      c: 'ok=3 changed=3 failed=0 skipped=1',
    });
  });

  it('50 hosts, the third fails: 50 results for that task, 49 for the next, none lost', async () => {
    const hosts = Array.from({ length: 50 }, (_, i) => `n${i + 1}`);
    const r = await runLocal(`- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      command: "false"
      when: inventory_hostname == 'n3'
    - name: t2
      debug: {msg: ok}
`, { hosts, args: ['-f', '5'] });
    assert.equal(r.code, 2);
    assert.equal(r.results.filter((x) => x.task === 't1').length, 50);
    assert.deepEqual(r.results.filter((x) => x.task === 't2').map((x) => x.host), hosts.filter((h) => h !== 'n3'));
    assert.equal(Object.keys(r.stats).length, 50);
  });

  it('a play whose hosts have all failed already says so and runs nothing', async () => {
    const r = await runLocal(`- hosts: all
  gather_facts: false
  tasks:
    - fail: msg=no
      when: inventory_hostname == 'a'
- hosts: a
  gather_facts: false
  tasks:
    - name: never
      command: "true"
`, { hosts: ['a', 'b'] });
    assert.equal(r.code, 2);
    assert.ok(r.events.some((e) => e.type === 'no_hosts'));
    assert.ok(!trace(r).some((t) => t.startsWith('never')));
  });

  it('every host of a play failing ends the run (Ansible: NO MORE HOSTS LEFT)', async () => {
    const r = await runLocal(`- hosts: a
  gather_facts: false
  tasks:
    - fail: msg=no
- hosts: b
  gather_facts: false
  tasks:
    - name: never
      command: "true"
`, { hosts: ['a', 'b'] });
    assert.equal(r.code, 2);
    assert.ok(r.events.some((e) => e.type === 'halted'));
    assert.match(r.console, /NO MORE HOSTS LEFT/);
    assert.ok(!trace(r).some((t) => t.startsWith('never')));
  });

  it('magic variables: ansible_play_hosts drops failed hosts, _all keeps them, _batch is the serial batch', async () => {
    const r = await runLocal(`- hosts: all
  gather_facts: false
  tasks:
    - fail: msg=no
      when: inventory_hostname == 'h1'
- hosts: all
  gather_facts: false
  serial: 2
  tasks:
    - name: show
      debug:
        msg: "{{ join ansible_play_hosts ',' }}|{{ join ansible_play_hosts_all ',' }}|{{ join ansible_play_batch ',' }}"
`, { hosts: ['h1', 'h2', 'h3', 'h4'] });
    assert.deepEqual(r.results.filter((x) => x.task === 'show').map((x) => `${x.host}=${String(x.result.data['msg'])}`), [
      'h2=h2,h3,h4|h1,h2,h3,h4|h2,h3',
      'h3=h2,h3,h4|h1,h2,h3,h4|h2,h3',
      'h4=h2,h3,h4|h1,h2,h3,h4|h4',
    ]);
  });

  const exits: { name: string; inventory: string; code: number }[] = [
    { name: 'every host ok: 0', inventory: 'all:\n  hosts:\n    a: {ansible_connection: local}\n', code: 0 },
    { name: 'a host failed: 2', inventory: 'all:\n  hosts:\n    a: {ansible_connection: local, boom: true}\n    b: {ansible_connection: local}\n', code: 2 },
    { name: 'a host unreachable: 4', inventory: 'all:\n  hosts:\n    a: {ansible_connection: local}\n    u: {ansible_host: 127.0.0.1, ansible_port: 1}\n', code: 4 },
    { name: 'unreachable and failed: 4 wins', inventory: 'all:\n  hosts:\n    a: {ansible_connection: local, boom: true}\n    u: {ansible_host: 127.0.0.1, ansible_port: 1}\n', code: 4 },
  ];
  for (const c of exits) {
    it(`exit code: ${c.name}`, async () => {
      const r = await runLocal(`- hosts: all
  gather_facts: false
  tasks:
    - command: "true"
    - fail: msg=boom
      when: boom | default(false)
`, { inventory: c.inventory });
      assert.equal(r.code, c.code, r.console);
    });
  }

  it('task names are templated with play-level variables; host variables stay as written', async () => {
    const r = await runLocal(`- hosts: all
  gather_facts: false
  vars:
    what: world
  tasks:
    - name: "hello {{ what }} from {{ extra }}"
      command: "true"
    - name: "per host {{ inventory_hostname }}"
      command: "true"
`, { hosts: ['a'], args: ['-e', 'extra=cli'] });
    assert.equal(r.code, 0, r.console);
    assert.deepEqual(trace(r), ['hello world from cli:a:changed', 'per host {{ inventory_hostname }}:a:changed']);
    assert.match(r.console, /TASK \[hello world from cli\]/);
  });
});

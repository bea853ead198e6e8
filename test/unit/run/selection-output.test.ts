// What runs (--start-at-task, --tags/--skip-tags with always/never) and what is shown
// (no_log in the console and the JSON report, --report - as JSON lines, --report FILE).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataOf, runLocal } from './run-local.js';

const tagged = `- hosts: all
  gather_facts: false
  tasks:
    - name: plain
      command: "true"
    - name: web
      command: "true"
      tags: [web]
    - name: db
      command: "true"
      tags: db
    - name: always
      command: "true"
      tags: always
    - name: never
      command: "true"
      tags: never
    - name: debug-only
      command: "true"
      tags: [never, debug]
    - name: last
      command: "true"
`;

describe('run/selection and output', function () {
  this.timeout(60_000);

  const selections: { args: string[]; ran: string[] }[] = [
    { args: [], ran: ['plain', 'web', 'db', 'always', 'last'] },
    { args: ['--tags', 'web'], ran: ['web', 'always'] },
    { args: ['--tags', 'web,db'], ran: ['web', 'db', 'always'] },
    { args: ['--skip-tags', 'web'], ran: ['plain', 'db', 'always', 'last'] },
    { args: ['--skip-tags', 'always'], ran: ['plain', 'web', 'db', 'last'] },
    { args: ['--tags', 'debug'], ran: ['always', 'debug-only'] },
    { args: ['--tags', 'never'], ran: ['always', 'never', 'debug-only'] },
    { args: ['--tags', 'all'], ran: ['plain', 'web', 'db', 'always', 'last'] },
    { args: ['--tags', 'untagged'], ran: ['plain', 'always', 'last'] },
    { args: ['--start-at-task', 'always'], ran: ['always', 'last'] },
    { args: ['--start-at-task', 'db', '--tags', 'web'], ran: ['always'] },
  ];
  for (const s of selections) {
    it(`${s.args.join(' ') || '(no selection)'} runs ${s.ran.join(', ')}`, async () => {
      const r = await runLocal(tagged, { hosts: ['a'], args: s.args });
      assert.equal(r.code, 0, r.console);
      assert.deepEqual(r.results.map((x) => x.task), s.ran);
    });
  }

  it('--start-at-task spans plays: earlier plays run nothing', async () => {
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - name: p1\n      command: "true"\n- hosts: all\n  gather_facts: false\n  tasks:\n    - name: p2a\n      command: "true"\n    - name: p2b\n      command: "true"\n`, { hosts: ['a'], args: ['--start-at-task', 'p2b'] });
    assert.deepEqual(r.results.map((x) => x.task), ['p2b']);
  });

  it('no_log: censored in the console and the JSON events; the registered value still works', async () => {
    const r = await runLocal(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: secret
      shell: echo s3cr3t-value
      register: sec
      no_log: true
    - name: secret loop
      debug:
        msg: "{{ item }}"
      loop: [hidden-item-1]
      no_log: true
    - name: secret failure
      shell: echo failing-s3cr3t; exit 1
      no_log: true
      ignore_errors: true
    - name: use
      assert:
        that: sec.stdout == 's3cr3t' ~ '-value'
`,
      { hosts: ['a'] },
    );
    assert.equal(r.code, 0, r.console);
    const events = JSON.stringify(r.events);
    for (const leak of ['s3cr3t-value', 'hidden-item-1', 'failing-s3cr3t']) {
      assert.ok(!r.console.includes(leak), `console shows ${leak}`);
      assert.ok(!events.includes(leak), `JSON events show ${leak}`);
    }
    assert.match(r.console, /censored due to no_log|no_log: true/);
    assert.equal(r.results.find((x) => x.task === 'use')?.status, 'ok');
  });

  it('no_log at -vvv: the commands run are not shown either', async () => {
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - name: secret\n      command: echo hunter2-pass\n      no_log: true\n    - name: open\n      command: echo visible-arg\n`, { hosts: ['a'], args: ['-vvv'] });
    assert.equal(r.code, 0, r.console);
    assert.ok(!r.console.includes('hunter2-pass'), r.console);
    assert.ok(!JSON.stringify(r.events).includes('hunter2-pass'));
    assert.match(r.console, /<a> EXEC .*visible-arg/);
  });

  it('--report -: stdout carries only JSON lines (run_start … run_end); the console goes to stderr', async () => {
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - name: t\n      command: "true"\n`, { hosts: ['a', 'b'] });
    const types = r.events.map((e) => e.type);
    assert.equal(types[0], 'run_start');
    assert.equal(types.at(-1), 'run_end');
    assert.deepEqual(types.filter((t) => t === 'host_result').length, 2);
    assert.match(r.console, /PLAY RECAP/);
    const end = r.events.at(-1);
    assert.ok(end?.type === 'run_end' && end.exitCode === 0);
  });

  it('--report FILE: one JSON document with every result and the recap', async () => {
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - name: t\n      command: "false"\n      when: inventory_hostname == 'b'\n`, { hosts: ['a', 'b'], args: ['--report', 'report.json'] });
    // The last --report wins, so this run wrote the file and streamed nothing.
    assert.equal(r.events.length, 0);
    const doc = JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')) as { results: { host: string; status: string }[]; stats: Record<string, { failed: number }>; exit_code: number };
    assert.deepEqual(doc.results.map((x) => `${x.host}:${x.status}`), ['a:skipped', 'b:failed']);
    assert.equal(doc.stats['b']?.failed, 1);
    assert.equal(doc.exit_code, 2);
    assert.equal(r.code, 2);
  });

  it('a report file that cannot be written: exit 1 with a clear message, after the run', async () => {
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n`, { hosts: ['a'], args: ['--report', '/nonexistent-dir/x/report.json'] });
    assert.equal(r.code, 1);
    assert.match(r.console, /report.*\/nonexistent-dir\/x\/report\.json/);
    assert.match(r.console, /PLAY RECAP/);
  });

  it('a value matching a declared redaction pattern is redacted even without no_log', async () => {
    const files = { 'group_vars/all.yml': "deckhand_redact_patterns: ['\\b[a-z0-9]{6}\\.[a-z0-9]{16}\\b']\n" };
    const r = await runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - name: t\n      shell: echo abcdef.0123456789abcdef\n`, { hosts: ['a'], files });
    assert.equal(dataOf(r, 't', 'a')?.['stdout'], '<redacted>');
  });

  it('a pattern declared in the inventory is redacted from the console and the JSON report', async () => {
    const inventory = "all:\n  vars:\n    deckhand_redact_patterns: ['SECRET-[0-9]{4}']\n  hosts:\n    a: {ansible_connection: local}\n";
    const playbook = `- hosts: all\n  gather_facts: false\n  tasks:\n    - name: shows SECRET-1234\n      debug: msg="token SECRET-1234 here"\n`;
    const reportFile = 'report.json';
    const r = await runLocal(playbook, { inventory, args: ['-v', '--report', reportFile] });
    const report = readFileSync(join(r.dir, reportFile), 'utf8');
    assert.match(r.console, /token <redacted> here/);
    assert.match(report, /"task": "shows <redacted>"/);
    assert.equal(r.console.includes('SECRET-1234'), false, r.console);
    assert.equal(report.includes('SECRET-1234'), false);
  });
});

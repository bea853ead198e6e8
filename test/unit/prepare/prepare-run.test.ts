// The prepare stage on its own: values in (no argv, no environment), a prepared run or every
// problem out, with warnings returned rather than printed.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { prepareRun } from '../../../engine/prepare/prepare-run.js';
import { prepareInput as input, project } from './project-files.js';

const inventory = `all:
  children:
    web: {hosts: {w1: {}, w2: {}}}
    db: {hosts: {d1: {ansible_password: s3cret-pw, ansible_become_pass: "{{ vaulted }}"}}}
`;

const twoPlays = `- hosts: web
  gather_facts: false
  tasks:
    - name: one
      command: "true"
      tags: [a]
    - name: two
      command: "true"
- hosts: db
  gather_facts: false
  tasks:
    - debug: {msg: hi}
`;

describe('prepare/prepare-run', () => {
  it('each play gets its plan and its hosts after the pattern and --limit', async () => {
    const cwd = project({ 'site.yml': twoPlays, 'hosts.yml': inventory });
    const p = await prepareRun(input(cwd, { limit: 'w2,d1', tags: { only: ['a'], skip: [] } }));
    assert.ok(p.ok, JSON.stringify(!p.ok && p.diagnostics));
    assert.deepEqual(p.run.plays.map((x) => x.hosts), [['w2'], ['d1']]);
    assert.deepEqual(p.run.plays[0]?.plan.sections.find((s) => s.name === 'tasks')?.tasks.map((t) => (t.kind === 'task' ? t.name : t.kind)), ['one']);
    assert.deepEqual(p.run.tags, { only: ['a'], skip: [] });
    assert.equal(p.run.playbook.path, join(cwd, 'site.yml'));
  });

  it('collects the problems of the playbook, the inventory and -e together', async () => {
    const cwd = project({ 'site.yml': '- hosts: all\n  tasks:\n    - no_such_module: {}\n', 'hosts.yml': 'all: [oops\n' });
    const p = await prepareRun(input(cwd, { extraVars: ['@missing.yml'] }));
    assert.ok(!p.ok);
    const codes = p.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('UNKNOWN_MODULE'), codes.join());
    assert.ok(codes.includes('EXTRA_VARS_FILE'), codes.join());
    assert.ok(codes.length >= 3, codes.join());
  });

  it('a host pattern problem is placed at the play\'s hosts: key', async () => {
    const cwd = project({ 'site.yml': '- hosts: ""\n  gather_facts: false\n  tasks: []\n', 'hosts.yml': inventory });
    const p = await prepareRun(input(cwd));
    assert.ok(!p.ok);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.pos?.line]), [['PATTERN_EMPTY', 1]]);
  });

  it('warnings are returned, not printed, whatever the outcome', async () => {
    const cwd = project({ 'site.yml': '- hosts: nosuchgroup\n  gather_facts: false\n  tasks: []\n', 'hosts.yml': inventory });
    const p = await prepareRun(input(cwd));
    assert.ok(p.ok);
    assert.deepEqual(p.warnings.map((w) => w.code), ['PATTERN_NO_MATCH']);
    assert.deepEqual(p.run.plays[0]?.hosts, []);
  });

  it('roles are found in the roles path it is given', async () => {
    const cwd = project({
      'site.yml': '- hosts: web\n  gather_facts: false\n  roles: [extra]\n',
      'hosts.yml': inventory,
      'elsewhere/extra/tasks/main.yml': '- debug: {msg: from the roles path}\n',
    });
    assert.equal((await prepareRun(input(cwd))).ok, false);
    assert.equal((await prepareRun(input(cwd, { rolesPath: [join(cwd, 'elsewhere')] }))).ok, true);
  });

  it('passwords written in the inventory are secrets; a templated one is not the password itself', async () => {
    const cwd = project({ 'site.yml': twoPlays, 'hosts.yml': inventory });
    const p = await prepareRun(input(cwd));
    assert.ok(p.ok);
    assert.deepEqual(p.run.secrets, ['s3cret-pw']);
  });
});

// deckhand_redact_patterns: collected from the inventory and the roles, checked, and located
// when one cannot be used.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareRun } from '../../../engine/prepare/prepare-run.js';
import { prepareInput as input, project } from './project-files.js';
import { Redactor } from '../../../engine/text/redact.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));


const play = `- hosts: all\n  gather_facts: false\n  roles: [r]\n`;
const role = { 'roles/r/tasks/main.yml': '- command: "true"\n', 'roles/r/defaults/main.yml': "deckhand_redact_patterns: ['role-[0-9]+']\n" };

describe('prepare/redact-patterns', () => {
  const found: { name: string; files: Record<string, string>; patterns: string[] }[] = [
    { name: 'none declared', files: { 'site.yml': `- hosts: all\n  tasks: []\n`, 'hosts.yml': 'all: {hosts: {a: {}}}\n' }, patterns: [] },
    { name: 'a role default', files: { 'site.yml': play, 'hosts.yml': 'all: {hosts: {a: {}}}\n', ...role }, patterns: ['role-[0-9]+'] },
    {
      name: 'inventory and role add up',
      files: { 'site.yml': play, 'hosts.yml': "all:\n  vars: {deckhand_redact_patterns: ['inv-[a-z]+']}\n  hosts: {a: {}}\n", ...role },
      patterns: ['inv-[a-z]+', 'role-[0-9]+'],
    },
    {
      name: 'group_vars/ and an INI inventory',
      files: { 'site.yml': play, 'hosts.ini': 'a\n', 'group_vars/all.yml': "deckhand_redact_patterns: ['gv']\n", ...role },
      patterns: ['gv', 'role-[0-9]+'],
    },
  ];
  for (const c of found) {
    it(c.name, async () => {
      const dir = project(c.files);
      const inventories = 'hosts.ini' in c.files ? ['hosts.ini'] : ['hosts.yml'];
      const r = await prepareRun(input(dir, { inventories }));
      assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
      assert.deepEqual([...r.run.redactPatterns].sort(), [...c.patterns].sort());
    });
  }

  const broken: { name: string; files: Record<string, string>; file: string; line: number; message: RegExp }[] = [
    {
      name: 'an invalid regular expression in the inventory',
      files: { 'site.yml': play, 'hosts.yml': "all:\n  hosts: {a: {}}\n  vars:\n    deckhand_redact_patterns:\n      - 'ok'\n      - '(unclosed'\n", ...role },
      file: 'hosts.yml',
      line: 6,
      message: /'\(unclosed'/,
    },
    {
      name: 'a pattern that matches empty text, in a role',
      files: { 'site.yml': play, 'hosts.yml': 'all: {hosts: {a: {}}}\n', ...role, 'roles/r/defaults/main.yml': "x: 1\ndeckhand_redact_patterns: ['a*']\n" },
      file: 'roles/r/defaults/main.yml',
      line: 2,
      message: /matches empty text/,
    },
    {
      name: 'not a list of strings',
      files: { 'site.yml': play, 'hosts.yml': 'all:\n  hosts: {a: {}}\n  vars: {deckhand_redact_patterns: {a: 1}}\n', ...role },
      file: 'hosts.yml',
      line: 3,
      message: /must be a list/,
    },
  ];
  for (const c of broken) {
    it(`${c.name}: REDACT_PATTERN at FILE:LINE:COL with an excerpt`, async () => {
      const dir = project(c.files);
      const r = await prepareRun(input(dir));
      assert.ok(!r.ok);
      const d = r.diagnostics.find((x) => x.code === 'REDACT_PATTERN');
      assert.ok(d, JSON.stringify(r.diagnostics));
      assert.match(d.message, c.message);
      assert.ok(d.pos?.file.endsWith(c.file), d.pos?.file);
      assert.equal(d.pos?.line, c.line);
      assert.ok((d.excerpt ?? '').includes('deckhand_redact_patterns') || (d.excerpt ?? '').includes("'"), d.excerpt);
    });
  }

  it("site.yml's roles declare the kubeadm token pattern, so a join token is redacted", async () => {
    const r = await prepareRun(input(ROOT, { playbook: 'playbooks/site.yml', inventories: ['inventory/example.yml'] }));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const red = new Redactor(r.run.redactPatterns);
    const line = 'kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00';
    assert.equal(red.text(line).includes('abcdef.0123456789abcdef'), false);
  });

  it('the engine itself knows no kubeadm token pattern', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const offenders = files(join(ROOT, 'engine')).filter((f) => /\{6\}\\{0,2\}\.\[a-z0-9\]\{16\}|redacted-token/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});

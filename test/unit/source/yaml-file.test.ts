import { strict as assert } from 'node:assert';
import { parseYaml } from '../../../engine/source/yaml-file.js';
import { VaultText } from '../../../engine/source/yaml-schema.js';

// What Ansible (PyYAML, YAML 1.1) makes of common scalars, and what deckhand does.
const scalars: [string, unknown][] = [
  ['yes', true],
  ['Yes', true],
  ['ON', true],
  ['no', false],
  ['off', false],
  ['True', true],
  ['y', 'y'],
  ['n', 'n'],
  ['0644', 420],
  ["'0644'", '0644'],
  ['0755', 493],
  ['1_000', 1000],
  ['0x1F', 31],
  ['1.5', 1.5],
  ['~', null],
  ['null', null],
  ['2024-01-01', '2024-01-01'],
  ['hello', 'hello'],
  ['"yes"', 'yes'],
];

describe('source/yaml-file: scalars read as Ansible reads them', () => {
  for (const [text, expected] of scalars) {
    it(`${text} → ${JSON.stringify(expected)}`, () => {
      const r = parseYaml('t.yml', `v: ${text}\n`);
      assert.ok(r.ok);
      assert.deepEqual((r.file.value as { v: unknown }).v, expected);
    });
  }
});

const broken: { name: string; text: string; code: string; line: number; col: number }[] = [
  { name: 'duplicate key', text: 'a: 1\na: 2\n', code: 'YAML_DUPLICATE_KEY', line: 2, col: 1 },
  { name: 'tab indentation', text: 'a:\n\t- x\n', code: 'YAML_TAB_AS_INDENT', line: 2, col: 1 },
  { name: 'base-60 number', text: 'ports: 22:22\n', code: 'YAML_BASE60', line: 1, col: 8 },
  { name: 'unknown tag', text: 'x: !foo bar\n', code: 'YAML_TAG_RESOLVE_FAILED', line: 1, col: 4 },
  { name: 'two documents', text: 'a: 1\n---\nb: 2\n', code: 'YAML_MULTIPLE_DOCS', line: 2, col: 1 },
  { name: 'unclosed flow sequence', text: 'a: [1, 2\nb: 3\n', code: 'YAML_BAD_INDENT', line: 2, col: 1 },
  { name: 'unclosed quote', text: 'a: "x\n', code: 'YAML_MISSING_CHAR', line: 2, col: 1 },
  { name: 'mapping as implicit key', text: 'a: b: c\n', code: 'YAML_BLOCK_AS_IMPLICIT_KEY', line: 1, col: 4 },
];

describe('source/yaml-file: broken YAML is a located error', () => {
  for (const c of broken) {
    it(c.name, () => {
      const r = parseYaml('t.yml', c.text);
      assert.equal(r.ok, false);
      if (r.ok) return;
      const d = r.diagnostics.find((x) => x.code === c.code);
      assert.ok(d, `expected ${c.code}, got ${r.diagnostics.map((x) => x.code).join(', ')}`);
      assert.deepEqual([d.pos?.line, d.pos?.col], [c.line, c.col]);
      assert.equal(typeof d.excerpt, 'string');
    });
  }
});

describe('source/yaml-file: aliases', () => {
  it('refuses a billion-laughs document quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const t0 = process.hrtime.bigint();
    const r = parseYaml('lol.yml', `${levels.join('\n')}\n`);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.diagnostics[0]?.code, 'YAML_ALIAS_LIMIT');
    assert.ok(ms < 1000, `took ${ms} ms`);
  });

  it('merge keys: local keys override merged ones', () => {
    const r = parseYaml('m.yml', 'base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n');
    assert.ok(r.ok);
    assert.deepEqual((r.file.value as Record<string, unknown>)['thing'], { x: 1, y: 3 });
  });

  it('aliased values are copies, not shared objects', () => {
    const r = parseYaml('s.yml', 'a: &x {k: [1]}\nb: *x\n');
    assert.ok(r.ok);
    const v = r.file.value as { a: { k: number[] }; b: { k: number[] } };
    v.a.k.push(2);
    assert.deepEqual(v.b.k, [1]);
  });
});

describe('source/yaml-file: positions and tags', () => {
  const text = '- hosts: all\n  tasks:\n    - name: x\n      copy:\n        dest: /a\n';
  const cases: { path: (string | number)[]; key: boolean; line: number; col: number }[] = [
    { path: [0, 'tasks', 0, 'copy', 'dest'], key: false, line: 5, col: 15 },
    { path: [0, 'tasks', 0, 'copy', 'dest'], key: true, line: 5, col: 9 },
    { path: [0, 'tasks', 0], key: false, line: 3, col: 7 },
    { path: [0, 'tasks', 0, 'missing'], key: false, line: 3, col: 7 },
  ];
  for (const c of cases) {
    it(`${c.path.join('.')}${c.key ? ' (key)' : ''} → ${c.line}:${c.col}`, () => {
      const r = parseYaml('p.yml', text);
      assert.ok(r.ok);
      const pos = r.file.posOf(c.path, c.key);
      assert.deepEqual([pos.line, pos.col], [c.line, c.col]);
    });
  }

  it('!vault values are kept as ciphertext', () => {
    const r = parseYaml('v.yml', 'pw: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n');
    assert.ok(r.ok);
    const pw = (r.file.value as { pw: unknown }).pw;
    assert.ok(pw instanceof VaultText);
    assert.match(pw.ciphertext, /^\$ANSIBLE_VAULT;1\.1;AES256/);
  });
});

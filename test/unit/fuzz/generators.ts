// Generators of nearly-valid input: YAML built from playbook and inventory vocabulary, then
// damaged in the ways people damage it (tabs, stray quotes, bad indentation, anchors, tags).
import fc from 'fast-check';

export const PLAY_KEYS = ['hosts', 'name', 'tasks', 'pre_tasks', 'post_tasks', 'handlers', 'roles', 'vars', 'vars_files', 'become', 'gather_facts', 'serial', 'tags', 'when', 'import_playbook', 'max_fail_percentage', 'remote_user', 'environment', 'any_errors_fatal', 'hots', 'taks'];
export const TASK_KEYS = ['name', 'when', 'loop', 'with_items', 'register', 'notify', 'listen', 'tags', 'become', 'become_user', 'ignore_errors', 'changed_when', 'failed_when', 'until', 'retries', 'delay', 'vars', 'block', 'rescue', 'always', 'loop_control', 'no_log', 'delegate_to', 'run_once', 'args', 'include_tasks', 'import_tasks', 'include_role', 'import_role', 'action', 'local_action', 'whn'];
export const MODULES = ['debug', 'command', 'shell', 'copy', 'file', 'template', 'apt', 'systemd', 'service', 'lineinfile', 'set_fact', 'assert', 'fail', 'wait_for', 'ansible.builtin.debug', 'ansible.builtin.copy', 'uri', 'stat', 'deb822_repository', 'k8s_apply', 'nosuchmodule'];
export const ARG_KEYS = ['msg', 'var', 'cmd', 'src', 'dest', 'content', 'mode', 'owner', 'state', 'name', 'path', 'line', 'regexp', 'that', 'url', 'enabled', 'daemon_reload', 'port', 'timeout', 'chdir', 'creates', 'free_form', 'x'];
const SCALARS = [
  'all', 'localhost', 'web:!db', 'yes', 'no', 'true', 'False', 'on', 'null', '~', '0644', "'0644'", '22:22', '1_000', '2024-01-01', '1e3', '.inf', '-1',
  '"{{ x }}"', "'{{ missing | default(1) }}'", '{{ x }}', 'x == 1', 'x is defined and y', "result.rc != 0", '(a', 'not', '"a \\" b"', "'it''s'",
  'echo "hi"', 'a=b c=d', 'msg="hello world"', 'k=v=w', '"unterminated', "'unterminated", '|', '>', '|-', '[1, 2', '{a: 1', '[]', '{}', '- x',
  '!vault |', '!unsafe "{{ x }}"', '!foo bar', '&anchor value', '*anchor', '&a [1, 2]', '*a', '*undefined_alias', '@x', '`x`', '%x', '#comment',
  '"\\u0000"', '"\\t\\n"', 'ünïcødé', '😀', '', ' ', '\\', 'C:\\path', '/etc/passwd', '../../x', 'roles/x', 'x.yml', 'a,b,c', 'a: b', 'a:b',
];

export type YNode = { k: 'map'; entries: [string, YNode][] } | { k: 'seq'; items: YNode[] } | { k: 'scalar'; text: string };

const scalar = (pool: readonly string[]): fc.Arbitrary<YNode> =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }).map((text) => ({ k: 'scalar' as const, text }));

/** A random tree whose keys come from `keys` (and sometimes anywhere), depth-bounded. */
export function yamlTree(keys: readonly string[], pool: readonly string[] = SCALARS): fc.Arbitrary<YNode> {
  const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom('<<', '? x', '"quoted key"', '[flow]', '1', 'true', '') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof({ maxDepth: 4, depthIdentifier: 'y' }, scalar(pool), tie('map'), tie('seq')),
    map: fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }).map((entries) => ({ k: 'map' as const, entries: entries as [string, YNode][] })),
    seq: fc.array(tie('node'), { maxLength: 4 }).map((items) => ({ k: 'seq' as const, items: items as YNode[] })),
  }));
  return node as fc.Arbitrary<YNode>;
}

/** Block-style YAML for a tree; flow style for some nodes so both parsers paths are taken. */
export function renderYaml(n: YNode, indent = 0, flow = false): string {
  const pad = ' '.repeat(indent);
  if (n.k === 'scalar') return n.text;
  if (flow || (n.k === 'seq' && n.items.length === 0) || (n.k === 'map' && n.entries.length === 0)) {
    return n.k === 'seq' ? `[${n.items.map((x) => renderYaml(x, 0, true)).join(', ')}]` : `{${n.entries.map(([k, v]) => `${k}: ${renderYaml(v, 0, true)}`).join(', ')}}`;
  }
  if (n.k === 'seq') return n.items.map((x) => `${pad}-${x.k === 'scalar' ? ` ${x.text}` : `\n${renderYaml(x, indent + 2)}`}`).join('\n');
  return n.entries.map(([k, v]) => `${pad}${k}:${v.k === 'scalar' ? ` ${v.text}` : `\n${renderYaml(v, indent + 2)}`}`).join('\n');
}

/** A playbook-shaped tree: a list of plays with task lists made of module calls. */
export const playbookTree: fc.Arbitrary<YNode> = (() => {
  const args = yamlTree(ARG_KEYS);
  const task = fc.tuple(fc.constantFrom(...MODULES), args, fc.array(fc.tuple(fc.constantFrom(...TASK_KEYS), yamlTree(TASK_KEYS)), { maxLength: 3 }))
    .map(([m, a, rest]): YNode => ({ k: 'map', entries: [[m, a], ...rest] }));
  const tasks = fc.array(task, { maxLength: 4 }).map((items): YNode => ({ k: 'seq', items }));
  const play = fc.tuple(fc.constantFrom('all', 'localhost', 'web', '{{ x }}'), tasks, fc.array(fc.tuple(fc.constantFrom(...PLAY_KEYS), yamlTree(PLAY_KEYS)), { maxLength: 3 }))
    .map(([hosts, t, rest]): YNode => ({ k: 'map', entries: [['hosts', { k: 'scalar', text: hosts }], ['tasks', t], ...rest] }));
  return fc.array(play, { minLength: 1, maxLength: 3 }).map((items): YNode => ({ k: 'seq', items }));
})();

type Damage = { at: number; how: 'tab' | 'quote' | 'dedent' | 'indent' | 'drop' | 'dup' | 'colon' | 'dash' | 'anchor' | 'alias' | 'tag' | 'bom' | 'crlf' };
const damage = fc.array(
  fc.record({ at: fc.nat(), how: fc.constantFrom<Damage['how']>('tab', 'quote', 'dedent', 'indent', 'drop', 'dup', 'colon', 'dash', 'anchor', 'alias', 'tag', 'bom', 'crlf') }),
  { maxLength: 3 },
);

/** Applies line-level damage; each kind is a mistake seen in real files. */
export function damaged(text: string, list: readonly Damage[]): string {
  const lines = text.split('\n');
  for (const { at, how } of list) {
    const i = lines.length === 0 ? 0 : at % lines.length;
    const l = lines[i] ?? '';
    const edits: Record<Damage['how'], () => void> = {
      tab: () => void (lines[i] = `\t${l.trimStart()}`),
      quote: () => void (lines[i] = `${l}"`),
      dedent: () => void (lines[i] = l.replace(/^ /, '')),
      indent: () => void (lines[i] = ` ${l}`),
      drop: () => void lines.splice(i, 1),
      dup: () => void lines.splice(i, 0, l),
      colon: () => void (lines[i] = l.replace(':', '')),
      dash: () => void (lines[i] = l.replace('- ', '-')),
      anchor: () => void (lines[i] = l.replace(/: (\S)/, ': &a $1')),
      alias: () => void (lines[i] = l.replace(/: \S.*$/, ': *a')),
      tag: () => void (lines[i] = l.replace(/: (\S)/, ': !tagged $1')),
      bom: () => void (lines[0] = `\uFEFF${lines[0] ?? ''}`),
      crlf: () => void (lines[i] = `${l}\r`),
    };
    edits[how]();
  }
  return lines.join('\n');
}

export const yamlishPlaybook = fc.tuple(fc.oneof(playbookTree, yamlTree([...PLAY_KEYS, ...TASK_KEYS, ...MODULES])), damage).map(([t, d]) => damaged(`---\n${renderYaml(t)}\n`, d));

/** Anchors and aliases nested `depth` levels deep, `width` aliases each: a "billion laughs". */
export const aliasBomb = fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 })).map(([depth, width]) => {
  const lines = ['- hosts: all', '  vars:', '    l0: &l0 "lol"'];
  for (let d = 1; d < depth; d++) lines.push(`    l${d}: &l${d} [${Array.from({ length: width }, () => `*l${d - 1}`).join(', ')}]`);
  lines.push('  tasks: []');
  return { text: `${lines.join('\n')}\n`, expansions: width ** (depth - 1) };
});

/** Any text at all, including binary-looking strings and lone surrogates. */
export const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...'-:{}[]&*!|>\'"#%@`\t\n ,?'), maxLength: 80 }));

const INI_LINES = [
  '[web]', '[db]', '[all:vars]', '[web:vars]', '[prod:children]', '[web:children]', '[bad', '[]', '[a:b:c]', 'web1', 'web[01:10]', 'web[a:f].example.com', 'db[1:]',
  'host ansible_host=10.0.0.1 ansible_port=2222', 'host ansible_port=abc', 'h x=1 y="two words" z=\'q\'', "h x='unterminated", 'k=v', 'k = v', 'ansible_python_interpreter=/usr/bin/python3',
  'h x=[1,2] y={"a": 1}', 'h x=True y=None', '# comment', '; comment', '', '   ', 'web', 'prod', 'h:22', '[::1]:22', 'host with spaces', 'h #trailing', '\t',
];
export const iniText = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...INI_LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }), { maxLength: 20 }).map((l) => `${l.join('\n')}\n`);

const INV_KEYS = ['all', 'hosts', 'children', 'vars', 'web', 'db', 'web1', 'web[01:03]', 'ansible_host', 'ansible_port', 'ansible_user', 'ansible_group_priority', 'ungrouped', 'localhost', 'hots'];
export const yamlishInventory = fc.tuple(yamlTree(INV_KEYS), damage).map(([t, d]) => damaged(`${renderYaml(t)}\n`, d));

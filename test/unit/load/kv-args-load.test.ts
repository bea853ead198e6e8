// The k=v shorthand through the loader: a task's module arguments as Ansible would read them.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaybook } from '../../../engine/load/playbook-loader.js';
import { moduleLookup } from '../../../engine/modules/lookup.js';

const dir = mkdtempSync(join(tmpdir(), 'deckhand-kv-load-'));

/** Loads a one-task playbook whose task line is `task` and returns the task's args or the error codes. */
function load(task: string): Readonly<Record<string, unknown>> | string[] {
  const file = join(dir, 'play.yml');
  writeFileSync(file, `- hosts: all\n  tasks:\n    - ${task}\n`);
  const r = loadPlaybook(file, { modules: moduleLookup() });
  if (!r.ok) return r.diagnostics.map((d) => `${d.code} ${d.pos?.line ?? 0}:${d.pos?.col ?? 0}`);
  const t = r.playbook.plays[0]?.tasks[0];
  assert.ok(t && t.kind === 'task');
  return t.args;
}

describe('load: k=v module arguments', () => {
  it('keeps {{ … }} whole: file: path={{ base_dir }} state=directory', () => {
    assert.deepEqual(load('file: path={{ base_dir }} state=directory'), { path: '{{ base_dir }}', state: 'directory' });
  });

  it('decodes escapes: copy content="rescued\\n" ends in a newline', () => {
    assert.deepEqual(load('copy: dest=/x content="rescued\\n"'), { dest: '/x', content: 'rescued\n' });
  });

  it('keeps = inside values and {% %} blocks whole', () => {
    assert.deepEqual(load('debug: msg="a=b {% if x %}y{% endif %}"'), { msg: 'a=b {% if x %}y{% endif %}' });
  });

  it('command: only the check_raw keys are options; the rest is the command', () => {
    assert.deepEqual(load('command: echo a=b {{ x }} chdir=/tmp'), { cmd: 'echo a=b {{ x }}', chdir: '/tmp' });
  });

  it('an unclosed quote is a located ARGS_SHORTHAND error', () => {
    assert.deepEqual(load('debug: msg="unterminated'), ['ARGS_SHORTHAND 3:18']);
  });

  it('a quoted scalar is located at the value, the character named in the message', () => {
    assert.deepEqual(load(`debug: 'msg="x'`), ['ARGS_SHORTHAND 3:14']);
  });

  it('an unclosed {{ is a located ARGS_SHORTHAND error', () => {
    assert.deepEqual(load('file: path={{ base_dir state=directory'), ['ARGS_SHORTHAND 3:13']);
  });
});

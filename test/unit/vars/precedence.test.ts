import { strict as assert } from 'node:assert';
import type { PlayDef, RoleScope } from '../../../engine/model/types.js';
import { buildVars } from '../../../engine/vars/precedence.js';

// Each level sets `x`; the table says which levels are present and which value must win.
type Level = 'play_role_defaults' | 'role_defaults' | 'group_all' | 'group_child' | 'host' | 'play' | 'vars_file' | 'role_vars' | 'role_params' | 'block' | 'task' | 'fact' | 'extra';
const ORDER: Level[] = ['play_role_defaults', 'role_defaults', 'group_all', 'group_child', 'host', 'play', 'vars_file', 'role_vars', 'role_params', 'block', 'task', 'fact', 'extra'];

function build(levels: readonly Level[]): unknown {
  const has = (l: Level): Record<string, unknown> => (levels.includes(l) ? { x: l } : {});
  const role: RoleScope = { name: 'r', path: '/r', defaults: has('role_defaults'), vars: has('role_vars'), params: has('role_params') };
  const play = {
    vars: has('play'),
    vars_files: [{ path: 'f.yml', vars: has('vars_file') }],
    role_defaults: has('play_role_defaults'),
  } as unknown as PlayDef;
  const vars = buildVars(
    { inventory: [{ source: 'all', vars: has('group_all') }, { source: 'child', vars: has('group_child') }, { source: 'host', vars: has('host') }], facts: has('fact') },
    { play, role, blocks: [{ vars: has('block') } as never], task: { vars: has('task') } as never },
    has('extra'),
    {},
  );
  return vars.get('x')?.value;
}

describe('vars/precedence', () => {
  for (let i = 0; i < ORDER.length; i++) {
    const level = ORDER[i] as Level;
    it(`${level} beats every level below it`, () => {
      assert.equal(build(ORDER.slice(0, i + 1)), level);
    });
    it(`${level} loses to every level above it`, () => {
      if (i === ORDER.length - 1) return;
      assert.equal(build(ORDER.slice(i)), ORDER[ORDER.length - 1]);
      assert.equal(build([level, ORDER[i + 1] as Level]), ORDER[i + 1]);
    });
  }

  it('facts and registered results are not templated again; trusted levels are', () => {
    const play = { vars: { p: '{{ a }}' }, vars_files: [], role_defaults: {} } as unknown as PlayDef;
    const v = buildVars({ inventory: [], facts: { r: '{{ a }}' } }, { play, blocks: [] }, {}, {});
    assert.equal(v.get('p')?.templated, true);
    assert.equal(v.get('r')?.templated, false);
  });
});

import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExtraVars } from '../../../engine/vars/extra-vars.js';

const dir = mkdtempSync(join(tmpdir(), 'deckhand-ev-'));
writeFileSync(join(dir, 'vars.yml'), 'replicas: 3\nmode: 0644\n');
writeFileSync(join(dir, 'list.yml'), '- not a mapping\n');

const cases: { args: string[]; vars?: Record<string, unknown>; code?: string }[] = [
  { args: ['a=1 b=two'], vars: { a: '1', b: 'two' } },
  { args: ['msg="hello world"'], vars: { msg: 'hello world' } },
  { args: ['{"n": 1, "flag": true}'], vars: { n: 1, flag: true } },
  { args: ['{n: yes}'], vars: { n: true } },
  { args: ['@vars.yml'], vars: { replicas: 3, mode: 420 } },
  { args: ['a=1', 'a=2'], vars: { a: '2' } },
  { args: ['@missing.yml'], code: 'EXTRA_VARS_FILE' },
  { args: ['@list.yml'], code: 'EXTRA_VARS' },
  { args: ['oops'], code: 'EXTRA_VARS' },
  { args: ['{a: [1,'], code: 'YAML_BAD_INDENT' },
];

describe('vars/extra-vars: -e values', () => {
  for (const c of cases) {
    it(c.args.join(' '), () => {
      const r = parseExtraVars(c.args, dir);
      if (c.vars) {
        assert.ok(r.ok);
        if (r.ok) assert.deepEqual(r.vars, c.vars);
      }
      else {
        assert.equal(r.ok, false);
        if (!r.ok) assert.ok(r.diagnostics.some((d) => d.code === c.code || d.code.startsWith('YAML_')), JSON.stringify(r.diagnostics));
      }
    });
  }
});

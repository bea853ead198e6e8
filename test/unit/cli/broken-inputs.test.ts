import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { main } from '../../../engine/cli/main.js';
import { captureIo } from '../../support/capture-io.js';

const dir = fileURLToPath(new URL('../../../../test/fixtures/broken/', import.meta.url));

// Every broken input: the codes expected, each at line:col, and the hint when there is one.
const cases: { file: string; errors: [code: string, line: number, col: number, hint?: string][] }[] = [
  { file: 'unknown-module.yml', errors: [['UNKNOWN_MODULE', 4, 7, "did you mean 'debug'?"]] },
  { file: 'unknown-keyword.yml', errors: [['UNKNOWN_KEYWORD', 4, 7, "did you mean 'when'?"]] },
  { file: 'unknown-play-key.yml', errors: [['SCHEMA_UNKNOWN_KEY', 2, 3, "did you mean 'tasks'?"]] },
  { file: 'bad-type.yml', errors: [['SCHEMA_TYPE', 2, 17]] },
  { file: 'missing-hosts.yml', errors: [['SCHEMA_REQUIRED', 1, 3]] },
  { file: 'tab-indent.yml', errors: [['YAML_TAB_AS_INDENT', 3, 1]] },
  { file: 'duplicate-key.yml', errors: [['YAML_DUPLICATE_KEY', 3, 3]] },
  { file: 'two-modules.yml', errors: [['TASK_MULTIPLE_MODULES', 4, 7]] },
  { file: 'no-module.yml', errors: [['TASK_NO_MODULE', 3, 7]] },
  { file: 'missing-role.yml', errors: [['ROLE_NOT_FOUND', 3, 7]] },
  { file: 'missing-import.yml', errors: [['FILE_NOT_FOUND', 3, 21]] },
  { file: 'bad-arg-type.yml', errors: [['SCHEMA_TYPE', 4, 20]] },
  { file: 'bad-kv.yml', errors: [['ARGS_SHORTHAND', 3, 18]] },
  { file: 'unknown-handler.yml', errors: [['HANDLER_NOT_FOUND', 4, 15, "did you mean 'restart ssh'?"]] },
  { file: 'bad-condition.yml', errors: [['EXPR_SYNTAX', 4, 13]] },
  { file: 'unknown-arg.yml', errors: [['SCHEMA_UNKNOWN_KEY', 4, 9, "did you mean 'msg'?"]] },
  { file: 'not-a-list.yml', errors: [['PLAYBOOK_NOT_LIST', 1, 1]] },
  { file: 'base60.yml', errors: [['YAML_BASE60', 4, 15]] },
  {
    file: 'many-errors.yml',
    errors: [
      ['UNKNOWN_MODULE', 3, 7],
      ['UNKNOWN_KEYWORD', 5, 7],
      ['SCHEMA_UNKNOWN_KEY', 6, 3],
    ],
  },
];

describe('cli: broken playbooks give located errors and exit 3', () => {
  for (const c of cases) {
    it(c.file, async () => {
      const io = captureIo(dir);
      const code = await main(['run', c.file, '--syntax-check', '-i', 'localhost,'], io);
      const { err } = io.text();
      assert.equal(code, 3, err);
      assert.doesNotMatch(err, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
      for (const [errCode, line, col, hint] of c.errors) {
        const loc = `${dir}${c.file}:${line}:${col}: error ${errCode}:`;
        assert.ok(err.includes(loc), `expected "${loc}" in:\n${err}`);
        if (hint) assert.ok(err.includes(`hint: ${hint}`), `expected hint "${hint}" in:\n${err}`);
      }
      assert.match(err, new RegExp(`${c.errors.length} errors? found`));
      assert.match(err, /\n\s+\d+ \| .*\n\s+\| *\^/, 'an excerpt with a caret');
    });
  }
});

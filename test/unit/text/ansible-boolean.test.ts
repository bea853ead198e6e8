// Ansible's boolean words, against ansible.module_utils.parsing.convert_bool where Ansible is installed.
import { strict as assert } from 'node:assert';
import { ansibleBoolean, isAnsibleTrue } from '../../../engine/text/ansible-boolean.js';
import { ansiblePython, pythonJsonWith } from '../../support/python.js';

// [value, boolean(v, strict=True) (undefined where Ansible raises)]
const CASES: readonly (readonly [unknown, boolean | undefined])[] = [
  ['yes', true], ['Yes', true], ['YES', true], ['on', true], ['1', true], ['true', true], ['True', true],
  ['t', true], ['T', true], ['y', true], ['Y', true], [' yes ', true], ['yes\n', true],
  ['no', false], ['NO', false], ['off', false], ['0', false], ['false', false], ['f', false], ['n', false], ['\tOff', false],
  [true, true], [false, false], [1, true], [0, false], [1.0, true],
  ['', undefined], ['maybe', undefined], ['2', undefined], ['yes please', undefined], ['1.0', undefined],
  [2, undefined], [-1, undefined], [0.5, undefined], [null, undefined], [[], undefined],
];

const PY_BOOLEAN = `
import json, sys
from ansible.module_utils.parsing.convert_bool import boolean
out = []
for v in json.load(sys.stdin):
    try: out.append(boolean(v, strict=True))
    except TypeError: out.append(None)
print(json.dumps(out))
`;

describe('text/ansible-boolean', () => {
  for (const [v, want] of CASES) {
    it(`${JSON.stringify(v)} → ${String(want)}`, () => {
      assert.equal(ansibleBoolean(v), want);
      assert.equal(isAnsibleTrue(v), want === true);
    });
  }

  it('agrees with Ansible boolean(strict=True)', function () {
    const python = ansiblePython();
    if (python === undefined) this.skip();
    const answers = pythonJsonWith(python, PY_BOOLEAN, CASES.map(([v]) => v));
    assert.deepEqual(CASES.map(([v]) => ansibleBoolean(v) ?? null), answers);
  });
});

import { strict as assert } from 'node:assert';
import { isSelected } from '../../../engine/plan/tags.js';

// [task tags, --tags, --skip-tags, runs?] — Ansible's documented behaviour.
const cases: [string[], string[], string[], boolean][] = [
  [[], [], [], true],
  [['a'], [], [], true],
  [['a'], ['a'], [], true],
  [['a'], ['b'], [], false],
  [[], ['a'], [], false],
  [['always'], ['a'], [], true],
  [['always'], ['a'], ['always'], false],
  [['never'], [], [], false],
  [['never', 'debug'], ['debug'], [], true],
  [['never', 'debug'], ['all'], [], false],
  [['never'], ['never'], [], true],
  [['always'], ['never'], [], true],
  [['a'], ['tagged'], [], true],
  [[], ['tagged'], [], false],
  [[], ['untagged'], [], true],
  [['a'], ['untagged'], [], false],
  [['a', 'b'], [], ['b'], false],
  [['a'], [], ['b'], true],
  [['a'], [], ['tagged'], false],
  [[], [], ['untagged'], false],
  [['a'], [], ['all'], false],
  [['always'], [], ['all'], true],
  [['docker'], ['docker', 'flannel'], [], true],
  [['docker', 'always'], ['flannel'], [], true],
];

describe('plan/tags: selection', () => {
  for (const [tags, only, skip, expected] of cases) {
    it(`tags ${JSON.stringify(tags)} --tags ${only.join(',') || '(all)'} --skip-tags ${skip.join(',') || '-'} → ${expected ? 'runs' : 'skipped'}`, () => {
      assert.equal(isSelected(tags, { only, skip }), expected);
    });
  }
});

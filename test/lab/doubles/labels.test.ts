import { strict as assert } from 'node:assert';
import { matchesAll, matchesLabelSelector, parseSelector, SelectorError } from '../../../lab/doubles/labels.js';

describe('lab label selectors', () => {
  const labels = { app: 'emqx', tier: 'broker' };
  const cases: Array<[string, boolean]> = [
    ['app=emqx', true],
    ['app==emqx', true],
    ['app=mqtt', false],
    ['app!=mqtt', true],
    ['app in (emqx,mqtt)', true],
    ['app notin (emqx)', false],
    ['tier', true],
    ['!tier', false],
    ['app=emqx,tier=broker', true],
    ['app=emqx,name=mqtt', false],
  ];
  for (const [selector, expected] of cases) {
    it(`${selector} → ${expected}`, () => assert.equal(matchesAll(labels, parseSelector(selector)), expected));
  }

  it('rejects a malformed requirement', () => assert.throws(() => parseSelector('app=(x'), SelectorError));

  it('treats an empty workload selector as matching nothing', () => {
    assert.equal(matchesLabelSelector(labels, {}), false);
    assert.equal(matchesLabelSelector(labels, { matchLabels: { app: 'emqx' } }), true);
  });
});

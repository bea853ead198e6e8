import assert from 'node:assert/strict';
import { evaluateCondition, scopeFromRecord, type ConditionInput } from '../../../engine/expr/index.js';
import { SCOPE } from './helpers.js';

const VALUES: readonly (readonly [string, ConditionInput, boolean])[] = [
  ['true', true, true],
  ['false', false, false],
  ['a truthy expression', 'n > 1', true],
  ['a falsy expression', 'n > 10', false],
  ['a non-boolean result by truthiness', 's', true],
  ['an empty string result', 'empty', false],
  ['an empty list result', 'el', false],
  ['an empty dict result', 'ed', false],
  ['zero', 'zero', false],
  ['None', 'nil', false],
  ["the string 'false' (non-empty, so true; use | bool)", "'false'", true],
  ["'false' | bool", "'false' | bool", false],
  ['an empty condition', '', true],
  ['a blank condition', '  \n', true],
  ['a list: all true', ['n > 1', true, 's is defined'], true],
  ['a list: one false', ['n > 1', 'n > 10'], false],
  ['a list: a false boolean', ['n > 1', false], false],
  ['an empty list', [], true],
  ['a list stops at the first false item', ['false', 'missing == 1'], false],
  ['{{ }} braces are accepted', '{{ n == 5 }}', true],
];

describe('expr evaluateCondition', () => {
  describe('values', () => {
    for (const [title, src, expected] of VALUES) {
      it(`${title} → ${expected}`, () => {
        const r = evaluateCondition(src, SCOPE);
        if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
        assert.equal(r.value, expected);
      });
    }
  });

  const ERRORS: readonly (readonly [string, ConditionInput, string, number, number | undefined])[] = [
    ['an undefined name', 'missing', 'EXPR_UNDEFINED', 0, undefined],
    ['a syntax error', 'n ==', 'EXPR_SYNTAX', 4, undefined],
    ['an error in the second list item', ['n > 1', 'n > missing'], 'EXPR_UNDEFINED', 4, 1],
    ['a syntax error in the first list item', ['n >', 'true'], 'EXPR_SYNTAX', 3, 0],
  ];
  describe('errors', () => {
    for (const [title, src, code, offset, index] of ERRORS) {
      it(`${title} → ${code} at ${offset}${index === undefined ? '' : ` (item ${index})`}`, () => {
        const r = evaluateCondition(src, SCOPE);
        if (r.ok) return assert.fail(`expected ${code}`);
        assert.equal(r.error.code, code);
        assert.equal(r.error.offset, offset);
        assert.equal(r.index, index);
      });
    }
  });

  const WARNINGS: readonly (readonly [ConditionInput, number])[] = [
    ['{{ n == 5 }}', 1],
    ['n == 5', 0],
    [['{{ t }}', '{{ n }}'], 2],
  ];
  describe('warnings for {{ }}', () => {
    for (const [src, count] of WARNINGS) {
      it(`${JSON.stringify(src)} → ${count} warning(s)`, () => {
        const r = evaluateCondition(src, SCOPE);
        assert.ok(r.ok);
        assert.equal(r.warnings?.length ?? 0, count);
      });
    }
  });

  const ODD_INPUTS: readonly (readonly [string, unknown, boolean | 'error'])[] = [
    ['null (an empty `when:` in YAML)', null, true],
    ['a number', 1, true],
    ['zero', 0, false],
    ['an object', { a: 1 }, 'error'],
  ];
  describe('inputs outside the declared type (from YAML) do not throw', () => {
    for (const [title, input, expected] of ODD_INPUTS) {
      it(`${title} → ${String(expected)}`, () => {
        const r = evaluateCondition(input as ConditionInput, scopeFromRecord({}));
        if (expected === 'error') assert.ok(!r.ok && r.error.code === 'EXPR_TYPE');
        else assert.deepEqual(r, { ok: true, value: expected });
      });
    }
  });

  it('evaluates one parsed condition against many hosts', () => {
    const hosts = Array.from({ length: 200 }, (_, i) => scopeFromRecord({ idx: i, role: i % 2 === 0 ? 'web' : 'db' }));
    const picked = hosts.filter((h) => {
      const r = evaluateCondition("role == 'web' and idx < 10", h);
      return r.ok && r.value;
    });
    assert.equal(picked.length, 5);
  });
});

import assert from 'node:assert/strict';
import { evaluate, parseExpression, type Scope } from '../../../engine/expr/index.js';
import { expectError, expectValue, type ErrorCase } from './helpers.js';

// Forms where an undefined value is fine: [source, expected]
const TOLERATED: readonly (readonly [string, unknown])[] = [
  ['missing is defined', false],
  ['missing is not defined', true],
  ['missing is undefined', true],
  ['missing is not undefined', false],
  ['n is defined', true],
  ['nil is defined', true], // defined, with the value None
  ['nil is none', true],
  ['d.a is defined', true],
  ['d.zz is defined', false],
  ['d.nested.zz is undefined', true],
  ["d['zz'] is defined", false],
  ['d.nothing is defined', true],
  ['ok.stdout is defined', true],
  ['bad.stdout is defined', false],
  // Lookups on an undefined value stay undefined (chainable, as in Ansible).
  ['missing.a.b is defined', false],
  ['missing[0].x is defined', false],
  ['l[10] is defined', false],
  ['l[-4] is defined', false],
  ['l.9 is defined', false],
  ['s.upper is defined', false], // strings have no attributes
  ['nil.x is defined', false],
  ["l['x'] is defined", false],
  ['missing | default(3)', 3],
  ['missing | d(3)', 3],
  ['missing | default', ''],
  ['missing.a.b | default("x")', 'x'],
  ['d.zz | default(d.a)', 1],
  ['missing | default(other_missing | default(7))', 7],
  ['(missing) is defined', false],
  ['missing is defined and missing > 1', false],
  ['missing is not defined or missing > 1', true],
  ['el | first is defined', false],
  ["'' | last is defined", false],
  ['el | first | default(0)', 0],
];

// Forms where it is an error, pointing at the undefined name or attribute.
const STRICT: readonly ErrorCase[] = [
  { src: 'missing', code: 'EXPR_UNDEFINED', offset: 0, message: "'missing' is undefined", hint: 'is defined' },
  { src: 'missing == 1', code: 'EXPR_UNDEFINED', offset: 0 },
  { src: 'n == missing', code: 'EXPR_UNDEFINED', offset: 5 },
  { src: 'not missing', code: 'EXPR_UNDEFINED', offset: 4 },
  { src: 'true and missing', code: 'EXPR_UNDEFINED', offset: 9 },
  { src: 'false or missing', code: 'EXPR_UNDEFINED', offset: 9 },
  { src: 'missing.a.b == 1', code: 'EXPR_UNDEFINED', offset: 0, message: "'missing' is undefined" },
  { src: 'd.zz == 1', code: 'EXPR_UNDEFINED', offset: 2, message: "'dict object' has no attribute 'zz'" },
  { src: 'ok.stdot', code: 'EXPR_UNDEFINED', offset: 3, hint: "did you mean 'stdout'?" },
  { src: "d['zz']", code: 'EXPR_UNDEFINED', offset: 1, message: 'has no key "zz"' },
  { src: 'l[5]', code: 'EXPR_UNDEFINED', offset: 1, message: 'no element 5' },
  { src: 'nil.x', code: 'EXPR_UNDEFINED', offset: 4, message: "'None' has no attribute 'x'" },
  { src: 'l[missing]', code: 'EXPR_UNDEFINED', offset: 2 },
  { src: '[missing]', code: 'EXPR_UNDEFINED', offset: 1 },
  { src: "{'k': missing}", code: 'EXPR_UNDEFINED', offset: 6 },
  { src: 'missing | int', code: 'EXPR_UNDEFINED', offset: 0 },
  { src: 'missing | length', code: 'EXPR_UNDEFINED', offset: 0 },
  { src: 'missing is none', code: 'EXPR_UNDEFINED', offset: 0 },
  { src: 'missing is changed', code: 'EXPR_UNDEFINED', offset: 0 },
  { src: "missing is match('x')", code: 'EXPR_UNDEFINED', offset: 0 },
  { src: 'n | default(missing)', code: 'EXPR_UNDEFINED', offset: 12 },
  { src: '1 in missing', code: 'EXPR_UNDEFINED', offset: 5 },
  { src: '-missing', code: 'EXPR_UNDEFINED', offset: 1 },
  { src: 'el | first == 1', code: 'EXPR_UNDEFINED', offset: 5, message: 'no first item' },
];

describe('expr undefined handling', () => {
  describe('tolerated under is defined / is undefined / default', () => {
    for (const [src, expected] of TOLERATED) it(`${src} → ${JSON.stringify(expected)}`, () => expectValue(src, expected));
  });
  describe('EXPR_UNDEFINED everywhere else, at the undefined name', () => {
    for (const c of STRICT) it(`${c.src} → at ${c.offset}`, () => expectError(c));
  });

  it('only own properties of data are visible', () => {
    for (const src of ['d.constructor is defined', 'd.toString is defined', "d['__proto__'] is defined", 'l.length is defined']) {
      expectValue(src, false);
    }
  });

  it('a throwing scope is reported, not thrown', () => {
    const scope: Scope = { lookup: () => { throw new Error('backend down'); } };
    const parsed = parseExpression('x == 1');
    assert.ok(parsed.ok);
    const r = evaluate(parsed.expr, scope);
    assert.ok(!r.ok);
    assert.match(r.error.message, /backend down/);
  });

  it('a JavaScript undefined found in scope counts as None', () => {
    const scope: Scope = { lookup: () => ({ found: true, value: undefined }) };
    const parsed = parseExpression('x is defined and x is none');
    assert.ok(parsed.ok);
    assert.deepEqual(evaluate(parsed.expr, scope), { ok: true, value: true });
  });
});

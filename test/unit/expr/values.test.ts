import assert from 'node:assert/strict';
import { compare, equals, pyRepr, pythonTruthy, typeName } from '../../../engine/expr/values.js';

const TRUTHY: readonly (readonly [unknown, boolean])[] = [
  [null, false], [undefined, false], [false, false], [0, false], [-0, false], ['', false], [[], false], [{}, false],
  [true, true], [1, true], [-1, true], [0.1, true], [NaN, true], ['0', true], [' ', true], [[0], true], [{ a: null }, true],
  [Object.create(null) as object, false],
];

const EQUALS: readonly (readonly [unknown, unknown, boolean])[] = [
  [1, 1.0, true], [1, '1', false], [true, 1, false], [null, undefined, true], ['a', 'a', true],
  [[1, [2]], [1, [2]], true], [[1], [1, 2], false], [{ a: 1, b: 2 }, { b: 2, a: 1 }, true], [{ a: 1 }, { a: 1, b: 2 }, false],
  [{ a: undefined }, { b: undefined }, false], [NaN, NaN, false],
];

const COMPARE: readonly (readonly [unknown, unknown, number | undefined])[] = [
  [1, 2, -1], [2, 1, 1], [2, 2, 0], ['a', 'b', -1], ['b', 'a', 1], ['\uffff', '😀', -1], ['ab', 'a', 1],
  [[1, 2], [1, 3], -1], [[1], [1, 0], -1], [false, true, -1],
  [1, '1', undefined], [null, null, undefined], [{}, {}, undefined], [[1], [1, 'a'], -1], [[1, 2], [1, 'a'], undefined],
];

const REPR: readonly (readonly [unknown, string])[] = [
  [null, 'None'], [true, 'True'], [1, '1'], [1.5, '1.5'], [Infinity, 'inf'], [NaN, 'nan'], ['a', "'a'"], ["it's", '"it\'s"'],
  ['a\nb', "'a\\nb'"], [[1, 'x', [null]], "[1, 'x', [None]]"], [{ k: [true] }, "{'k': [True]}"],
];

const TYPE_NAMES: readonly (readonly [unknown, string])[] = [
  [null, 'NoneType'], [true, 'bool'], [1, 'int'], [1.5, 'float'], ['', 'str'], [[], 'list'], [{}, 'dict'], [new Date(0), 'object'],
];

describe('expr values', () => {
  describe('truthy', () => {
    for (const [v, expected] of TRUTHY) it(`${pyRepr(v)} → ${expected}`, () => assert.equal(pythonTruthy(v), expected));
  });
  describe('equals', () => {
    for (const [a, b, expected] of EQUALS) it(`${pyRepr(a)} == ${pyRepr(b)} → ${expected}`, () => assert.equal(equals(a, b), expected));
  });
  describe('compare', () => {
    for (const [a, b, expected] of COMPARE) {
      it(`${pyRepr(a)} vs ${pyRepr(b)} → ${String(expected)}`, () => {
        const c = compare(a, b);
        assert.equal(c === undefined ? undefined : Math.sign(c), expected);
      });
    }
  });
  describe('pyRepr', () => {
    for (const [v, expected] of REPR) it(expected, () => assert.equal(pyRepr(v), expected));
    it('prints cycles as [...]', () => {
      const a: unknown[] = [1];
      a.push(a);
      assert.equal(pyRepr(a), '[1, [...]]');
    });
  });
  describe('typeName', () => {
    for (const [v, expected] of TYPE_NAMES) it(expected, () => assert.equal(typeName(v), expected));
  });
});

import { expectError, expectValue, type ErrorCase } from './helpers.js';

const CASES: readonly (readonly [string, unknown])[] = [
  // bool: Ansible's rules
  ['t | bool', true],
  ['no | bool', false],
  ["'yes' | bool", true],
  ["'YES' | bool", true],
  ["'on' | bool", true],
  ["'1' | bool", true],
  ["'True' | bool", true],
  ["'no' | bool", false],
  ["'off' | bool", false],
  ["'false' | bool", false],
  ["'y' | bool", false],
  ["' yes' | bool", false],
  ['1 | bool', true],
  ['1.0 | bool', true],
  ['2 | bool', false],
  ['0 | bool', false],
  ['nil | bool', false],
  ['l | bool', false],
  ['flag | bool and n > 1', true],
  // int: Jinja's rules
  ["'42' | int", 42],
  ["' 42 ' | int", 42],
  ["'-7' | int", -7],
  ["'1_000' | int", 1000],
  ["'42.9' | int", 42],
  ["'1e3' | int", 1000],
  ["'abc' | int", 0],
  ["'abc' | int(-1)", -1],
  ["'abc' | int(default=5)", 5],
  ["'ff' | int(base=16)", 255],
  ["'0x1f' | int(0, 16)", 31],
  ["'0b101' | int(0, 2)", 5],
  ["'0x1f' | int", 0],
  ['3.99 | int', 3],
  ['-3.99 | int', -3],
  ['t | int', 1],
  ['nil | int', 0],
  ['l | int', 0],
  ["'' | int", 0],
  ["'nan' | int", 0],
  ['port | int > 1024', true],
  ['version | int', 8],
  // float
  ["'1.5' | float", 1.5],
  ["'.5' | float", 0.5],
  ["'1e-2' | float", 0.01],
  ["'-inf' | float < 0", true],
  ["'x' | float", 0],
  ["'x' | float(2.5)", 2.5],
  ['n | float', 5],
  ['version | float >= 8.4', true],
  // string
  ['n | string', '5'],
  ['f | string', '1.5'],
  ['t | string', 'True'],
  ['nil | string', 'None'],
  ['s | string', 'hello'],
  ["[1, 'a', none] | string", "[1, 'a', None]"],
  ["{'k': 'v'} | string", "{'k': 'v'}"],
  ["n | string == '5'", true],
  // length / count
  ['s | length', 5],
  ['unicode | length', 6],
  ['l | length', 3],
  ['el | length', 0],
  ['d | length', 4],
  ['groups.masters | count', 2],
  ['groups.workers | length == 0', true],
  // lower / upper / trim
  ["'MiXeD' | lower", 'mixed'],
  ["'MiXeD' | upper", 'MIXED'],
  ['t | lower', 'true'],
  ['nil | lower', 'none'],
  ["'  pad \\n' | trim", 'pad'],
  ["'xxpadxy' | trim('xy')", 'pad'],
  ["text | trim | lower", 'line one\nline two'],
  // default
  ['missing | default(1)', 1],
  ['n | default(1)', 5],
  ['nil | default(1)', null], // a defined None is kept…
  ['nil | default(1, true)', 1], // …unless boolean=true
  ['empty | default("x")', ''],
  ['empty | default("x", true)', 'x'],
  ['zero | d(9, boolean=true)', 9],
  ['missing | default(none) is none', true],
  // first / last / list
  ['l | first', 1],
  ['l | last', 3],
  ['s | first', 'h'],
  ['unicode | last', '😀'],
  ['d | first', 'a'],
  ['d | last', 'nothing'],
  ['[none] | first', null],
  ['s | list', ['h', 'e', 'l', 'l', 'o']],
  ['l | list', [1, 2, 3]],
  ["{'a': 1, 'b': 2} | list", ['a', 'b']],
  ['(1, 2) | list', [1, 2]],
  // chains and collection-prefixed names
  ["' Web ' | trim | lower == 'web'", true],
  ['flag | ansible.builtin.bool', true],
  ['missing | ansible.builtin.default(2) | ansible.legacy.int', 2],
  ['words | first | upper | length', 3],
];

const ERRORS: readonly ErrorCase[] = [
  { src: 'n | length', code: 'EXPR_TYPE', offset: 4, message: "object of type 'int' has no length" },
  { src: 'nil | length', code: 'EXPR_TYPE', offset: 6 },
  { src: 'n | first', code: 'EXPR_TYPE', offset: 4, message: 'not iterable' },
  { src: 't | last', code: 'EXPR_TYPE', offset: 4 },
  { src: 'nil | list', code: 'EXPR_TYPE', offset: 6 },
  { src: "s | trim(1)", code: 'EXPR_TYPE', offset: 4, message: 'trim characters' },
  { src: "s | int(0, 1)", code: 'EXPR_TYPE', offset: 4, message: 'base' },
  { src: 's | lower(1)', code: 'EXPR_TYPE', offset: 4, message: 'takes no arguments' },
  { src: 's | default(1, 2, 3)', code: 'EXPR_TYPE', offset: 4, message: 'at most 2 arguments' },
  { src: 's | default(fallback=1)', code: 'EXPR_TYPE', offset: 12, message: "no parameter 'fallback'" },
];

describe('expr filters (x | …)', () => {
  for (const [src, expected] of CASES) it(`${src} → ${JSON.stringify(expected)}`, () => expectValue(src, expected));
  describe('errors', () => {
    for (const c of ERRORS) it(`${c.src} → ${c.code} at ${c.offset}`, () => expectError(c));
  });
});

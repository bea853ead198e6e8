import { expectError, expectValue, type ErrorCase } from './helpers.js';

const CASES: readonly (readonly [string, boolean])[] = [
  ['changed is changed', true],
  ['ok is changed', false],
  ['ok is not changed', true],
  ['changed is change', true],
  ['loop_changed is changed', true], // a loop result with any changed item
  ['loop_unchanged is changed', false],
  ["{'changed': 'yes'} is changed", false], // only the boolean true counts
  ['bad is failed', true],
  ['ok is failed', false],
  ['bad is failure', true],
  ['ok is succeeded', true],
  ['ok is success', true],
  ['ok is successful', true],
  ['bad is succeeded', false],
  ['bad is not success', true],
  ['ed is succeeded', true], // no `failed` key: not failed
  ['skipped is skipped', true],
  ['ok is skipped', false],
  ['skipped is skip', true],
  ['nil is none', true],
  ['zero is none', false],
  ['n is truthy', true],
  ['zero is truthy', false],
  ['el is falsy', true],
  ['s is falsy', false],
  ['t is true', true],
  ['n is true', false],
  ['no is false', true],
  ['zero is false', false],
  ['t is boolean', true],
  ["'true' is boolean", false],
  ['s is string', true],
  ['n is string', false],
  ['port is string', true],
  ['n is number', true],
  ['f is number', true],
  ['port is number', false],
  ['t is number', false], // unlike Python, a boolean is not a number here
  ['n is integer', true],
  ['f is integer', false],
  ['f is float', true],
  ['d is mapping', true],
  ['l is mapping', false],
  ['l is sequence', true],
  ['s is sequence', true], // Jinja: strings are sequences
  ['d is sequence', true],
  ['n is sequence', false],
  ['l is sequence and l is not string', true],
  ['l is iterable', true],
  ['nil is iterable', false],
  ['2 is in(l)', true],
  ["'x' is in(s)", false],
  ["'a' is in(d)", true],
  ["version is match('8')", true],
  ["version is match('4')", false], // match is anchored at the start
  ["version is search('4')", true],
  ["version is match('^\\d+\\.\\d+$')", true],
  ["s is match('HEL')", false],
  ["s is match('HEL', ignorecase=true)", true],
  ["s is match('HEL', true)", true],
  ["text is search('^line two$', multiline=true)", true],
  ["text is search('^line two$')", false],
  ["text is search('two$')", true], // Python's $ also matches before a final newline
  ["text is search('\\Aline', ignorecase=true)", true],
  ["text is search('(?i)^LINE ONE')", true],
  ["text is regex('two')", true],
  ["text is regex('two', match_type='match')", false],
  ["'2024-01-02' is match('(?P<y>\\d{4})-(?P<m>\\d\\d)')", true],
  ["'abab' is match('(?P<x>ab)(?P=x)')", true],
  ["'a]b' is search('[]]')", true],
  ["n is match('5')", true], // the value is tested as text
  ["ok.stdout is search('good')", true],
];

const ERRORS: readonly ErrorCase[] = [
  { src: 's is changed', code: 'EXPR_TYPE', offset: 5, message: "the 'changed' test expects a task result", hint: 'register' },
  { src: 'l is failed', code: 'EXPR_TYPE', offset: 5 },
  { src: 'nil is skipped', code: 'EXPR_TYPE', offset: 7 },
  { src: 'n is succeeded', code: 'EXPR_TYPE', offset: 5 },
  { src: 's is match()', code: 'EXPR_TYPE', offset: 5, message: "missing argument 'pattern'" },
  { src: "s is match('a', 1, 2, 3)", code: 'EXPR_TYPE', offset: 5, message: 'at most 3 arguments' },
  { src: "s is match('a', flags=1)", code: 'EXPR_TYPE', offset: 16, message: "no parameter 'flags'" },
  { src: "s is match('a', pattern='b')", code: 'EXPR_TYPE', offset: 16, message: 'twice' },
  { src: 's is defined(1)', code: 'EXPR_TYPE', offset: 5, message: 'takes no arguments' },
  { src: "s is match('(')", code: 'EXPR_TYPE', offset: 5, message: 'invalid regular expression' },
  { src: "s is regex('a', match_type='full')", code: 'EXPR_TYPE', offset: 5, message: 'match_type' },
  { src: 'n is match(5)', code: 'EXPR_TYPE', offset: 5, message: 'pattern must be a string' },
  { src: 's is in(n)', code: 'EXPR_TYPE', offset: 5, message: 'not iterable' },
];

describe('expr tests (x is …)', () => {
  for (const [src, expected] of CASES) it(`${src} → ${expected}`, () => expectValue(src, expected));
  describe('errors', () => {
    for (const c of ERRORS) it(`${c.src} → ${c.code} at ${c.offset}`, () => expectError(c));
  });
});

import assert from 'node:assert/strict';
import { MAX_PATTERN_LENGTH, MAX_SUBJECT_LENGTH, regexTest, type RegexMode } from '../../../engine/expr/regex.js';
import { ExprFailure } from '../../../engine/expr/errors.js';
import { findNestedRepetition } from '../../../engine/expr/regex-safety.js';

// [subject, pattern, mode, expected] with ignorecase/multiline off
const CASES: readonly (readonly [string, string, RegexMode, boolean])[] = [
  ['abc', 'b', 'search', true],
  ['abc', 'b', 'match', false],
  ['abc', 'a', 'match', true],
  ['abc\n', 'c$', 'search', true], // Python $ matches before a final newline
  ['abc\nx', 'c$', 'search', false],
  ['abc', '\\Aabc\\Z', 'search', true],
  ['abc\n', 'abc\\Z', 'search', false], // \Z is the absolute end
  ['x\nabc', '\\Aabc', 'search', false],
  ['2024-05', '(?P<year>\\d{4})-(?P<month>\\d{2})', 'match', true],
  ['xx', '(?P<c>x)(?P=c)', 'match', true],
  ['ABC', '(?i)abc', 'match', true],
  ['a\nb', '(?s)a.b', 'match', true],
  ['a\nb', 'a.b', 'match', false],
  ['a\nb', '(?m)^b$', 'search', true],
  ['[x]', '[]x[]+', 'search', true], // ] first in a class is literal
  ['a^b', '[^]]\\^', 'search', true],
  ['a$b', '[$]', 'search', true], // $ inside a class is literal
  ['a\\b', '\\\\b', 'search', true],
];

function failureOf(fn: () => unknown): ExprFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExprFailure) return e;
    throw e;
  }
  return assert.fail('expected an ExprFailure');
}

describe('expr regex', () => {
  describe('Python re semantics', () => {
    for (const [subject, pattern, mode, expected] of CASES) {
      it(`${JSON.stringify(subject)} ${mode} ${JSON.stringify(pattern)} → ${expected}`, () => {
        assert.equal(regexTest(subject, pattern, mode, false, false, 0), expected);
      });
    }
  });

  const LIMITS: readonly (readonly [string, () => unknown, string])[] = [
    ['tested string over the cap', () => regexTest('a'.repeat(MAX_SUBJECT_LENGTH + 1), 'a', 'search', false, false, 7), 'too long for a regex test'],
    ['pattern over the cap', () => regexTest('a', 'a'.repeat(MAX_PATTERN_LENGTH + 1), 'search', false, false, 7), 'regular expression is too long'],
    ['verbose flag', () => regexTest('a', '(?x) a', 'search', false, false, 7), 'unsupported regex flag'],
    ['invalid pattern', () => regexTest('a', '[', 'search', false, false, 7), 'invalid regular expression'],
  ];
  describe('limits and invalid patterns are EXPR_TYPE at the given offset', () => {
    for (const [title, fn, message] of LIMITS) {
      it(title, () => {
        const f = failureOf(fn);
        assert.equal(f.error.code, 'EXPR_TYPE');
        assert.equal(f.error.offset, 7);
        assert.ok(f.error.message.includes(message), f.error.message);
      });
    }
  });

  it('accepts a string exactly at the cap', () => {
    assert.equal(regexTest('a'.repeat(MAX_SUBJECT_LENGTH), 'a$', 'search', false, false, 0), true);
  });

  it('reuses compiled patterns with anchored and unanchored flavours kept apart', () => {
    assert.equal(regexTest('xa', 'a', 'match', false, false, 0), false);
    assert.equal(regexTest('xa', 'a', 'search', false, false, 0), true);
    assert.equal(regexTest('xa', 'a', 'match', false, false, 0), false);
  });
});

// [pattern, offset of the nested repetition or -1]
const NESTED: readonly (readonly [string, number])[] = [
  ['(a+)+', 4],
  ['(a*)*$', 4],
  ['^(\\w+\\s*)+$', 9],
  ['(x|y+){2,}', 6],
  ['(?:a+b*)+', 8],
  ['(?P<n>[a-z]+)*', 13],
  ['((a+))+', 6],
  ['(.*)*', 4],
  // Not nested: fine.
  ['^(\\d+\\.)+\\d+$', -1],
  ['(ab)+', -1],
  ['a+b+', -1],
  ['(a+){2}', -1],
  ['(a+)?', -1],
  ['[(a+)]+', -1],
  ['\\(a+\\)+', -1],
  ['(a+|b)', -1],
];

describe('expr regex nested-repetition guard', () => {
  for (const [pattern, expected] of NESTED) {
    it(`${pattern} → ${expected}`, () => assert.equal(findNestedRepetition(pattern), expected));
  }
  it('a test with such a pattern is an EXPR_TYPE error instead of a hang', () => {
    const f = failureOf(() => regexTest('a'.repeat(40) + '!', '(a+)+$', 'match', false, false, 3));
    assert.equal(f.error.code, 'EXPR_TYPE');
    assert.match(f.error.message, /exponential/);
  });
});

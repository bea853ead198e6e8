import assert from 'node:assert/strict';
import { MAX_SOURCE_LENGTH, parseExpression, type Expr } from '../../../engine/expr/index.js';
import { PARSE_CACHE_LIMIT, parseCacheSize } from '../../../engine/expr/parse.js';
import { expectError, type ErrorCase } from './helpers.js';

// Renders a tree as an S-expression so precedence can be asserted compactly.
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal': return JSON.stringify(e.value);
    case 'name': return e.name;
    case 'list': return `[${e.items.map(show).join(' ')}]`;
    case 'dict': return `{${e.entries.map((x) => `${show(x.key)}:${show(x.value)}`).join(' ')}}`;
    case 'attr': return `(. ${show(e.target)} ${e.name})`;
    case 'index': return `([] ${show(e.target)} ${show(e.index)})`;
    case 'not': return `(not ${show(e.operand)})`;
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'and':
    case 'or': return `(${e.kind} ${e.operands.map(show).join(' ')})`;
    case 'compare': return `(${[show(e.first), ...e.rest.map((r) => `${r.op} ${show(r.operand)}`)].join(' ')})`;
    case 'binary': return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'filter': return `(|${e.name} ${[show(e.target), ...e.args.positional.map(show), ...e.args.named.map((a) => `${a.name}=${show(a.value)}`)].join(' ')})`;
    case 'test': return `(is${e.negated ? '-not' : ''}-${e.name} ${[show(e.target), ...e.args.positional.map(show)].join(' ')})`;
  }
}

const SHAPES: readonly (readonly [string, string])[] = [
  ['a or b and c', '(or a (and b c))'],
  ['a and b or c', '(or (and a b) c)'],
  ['a or b or c', '(or a b c)'],
  ['not a and b', '(and (not a) b)'],
  ['not a == b', '(not (a == b))'],
  ['not a in b', '(not (a in b))'],
  ['a not in b', '(a not in b)'],
  ['not not a', '(not (not a))'],
  ['a < b <= c', '(a < b <= c)'],
  ['a == b and c != d', '(and (a == b) (c != d))'],
  ['a + b * c', '(+ a (* b c))'],
  ['a - b - c', '(- (- a b) c)'],
  ['a + b ~ c', '(+ a (~ b c))'],
  ['-a.b', '(- (. a b))'],
  ['-a | int', '(|int (- a))'],
  ['a | int + 1', '(+ (|int a) 1)'],
  ['a.b | default(1) | int', '(|int (|default (. a b) 1))'],
  ['a is defined and a', '(and (is-defined a) a)'],
  ['a is not defined', '(is-not-defined a)'],
  ['not a is defined', '(not (is-defined a))'],
  ['a == b is none', '(a == (is-none b))'],
  ["a is match('x', ignorecase=true)", '(is-match a "x")'],
  ['a | ansible.builtin.bool', '(|bool a)'],
  ['a is ansible.builtin.defined', '(is-defined a)'],
  ['a | d(b, true)', '(|d a b true)'],
  ["a | default(x, boolean=true)", '(|default a x boolean=true)'],
  ['a[0].b[-1]', '([] (. ([] a 0) b) (- 1))'],
  ['item.0.name', '(. ([] item 0) name)'],
  ["a['k'].x", '(. ([] a "k") x)'],
  ['(a)', 'a'],
  ['((a or b)) and c', '(and (or a b) c)'],
  ['[a, (b, c)]', '[a [b c]]'],
  ["{'k': v, 'l': [1]}", '{"k":v "l":[1]}'],
  ['a\n  and\tb', '(and a b)'],
  ['  {{ a == 1 }}  ', '(a == 1)'],
  ['{{a}}', 'a'],
];

const SYNTAX_ERRORS: readonly ErrorCase[] = [
  { src: '', code: 'EXPR_SYNTAX', offset: 0, message: 'empty expression' },
  { src: '   ', code: 'EXPR_SYNTAX', offset: 3, message: 'empty expression' },
  { src: 'a ==', code: 'EXPR_SYNTAX', offset: 4, message: 'unexpected end' },
  { src: 'a == == b', code: 'EXPR_SYNTAX', offset: 5, message: "unexpected '=='" },
  { src: 'a = 1', code: 'EXPR_SYNTAX', offset: 2, hint: '==' },
  { src: 'a === 1', code: 'EXPR_SYNTAX', offset: 4, hint: '==' },
  { src: 'a && b', code: 'EXPR_SYNTAX', offset: 2, hint: 'and' },
  { src: 'a || b', code: 'EXPR_SYNTAX', offset: 2, hint: 'or' },
  { src: '!a', code: 'EXPR_SYNTAX', offset: 0, hint: 'not' },
  { src: 'a b', code: 'EXPR_SYNTAX', offset: 2, message: "name 'b'", hint: 'operator' },
  { src: '(a', code: 'EXPR_SYNTAX', offset: 2, hint: "')'" },
  { src: 'a)', code: 'EXPR_SYNTAX', offset: 1, hint: 'unbalanced' },
  { src: '[1, 2', code: 'EXPR_SYNTAX', offset: 5, hint: "']'" },
  { src: '[1 2]', code: 'EXPR_SYNTAX', offset: 3 },
  { src: "{'a' 1}", code: 'EXPR_SYNTAX', offset: 5, hint: "':'" },
  { src: "'abc", code: 'EXPR_SYNTAX', offset: 0, message: 'unterminated string' },
  { src: 'x == "abc', code: 'EXPR_SYNTAX', offset: 5, message: 'unterminated string' },
  { src: "'\\x4'", code: 'EXPR_SYNTAX', offset: 1, message: 'invalid \\x escape' },
  { src: 'a.', code: 'EXPR_SYNTAX', offset: 2 },
  { src: 'a.[0]', code: 'EXPR_SYNTAX', offset: 2, hint: 'attribute name' },
  { src: 'a[1:2]', code: 'EXPR_SYNTAX', offset: 3, message: 'slices' },
  { src: 'lookup("env", "HOME")', code: 'EXPR_SYNTAX', offset: 6, message: 'calls are not supported' },
  { src: "s.startswith('x')", code: 'EXPR_SYNTAX', offset: 12, hint: 'filter or a test' },
  { src: 'a and', code: 'EXPR_SYNTAX', offset: 5 },
  { src: 'and a', code: 'EXPR_SYNTAX', offset: 0, message: "keyword 'and'" },
  { src: 'a is', code: 'EXPR_SYNTAX', offset: 4, hint: 'test name' },
  { src: 'a |', code: 'EXPR_SYNTAX', offset: 3, hint: 'filter name' },
  { src: "a is match 'x'", code: 'EXPR_SYNTAX', offset: 11, hint: 'parentheses' },
  { src: 'a | default(1', code: 'EXPR_SYNTAX', offset: 13, hint: "')'" },
  { src: 'a | default(x=1, 2)', code: 'EXPR_SYNTAX', offset: 17, message: 'positional argument after a named' },
  { src: 'a if b else c', code: 'EXPR_SYNTAX', offset: 2, hint: 'not supported' },
  { src: '2 ** 3', code: 'EXPR_SYNTAX', offset: 2, message: "'**'" },
  { src: 'a $ b', code: 'EXPR_SYNTAX', offset: 2, message: 'unexpected character "$"' },
  { src: '{{ a }} and {{ b }}', code: 'EXPR_SYNTAX', offset: 5, hint: '{{ }}' },
  { src: 'a == {{ b }}', code: 'EXPR_SYNTAX', offset: 5, hint: '{{ }}' },
  { src: '{% if a %}yes{% endif %}', code: 'EXPR_SYNTAX', offset: 0, hint: '{% if %}' },
  { src: 'x is defind', code: 'EXPR_UNKNOWN_TEST', offset: 5, hint: "did you mean 'defined'?" },
  { src: 'x is not sucess', code: 'EXPR_UNKNOWN_TEST', offset: 9, hint: "did you mean 'success'?" },
  { src: 'x is lower', code: 'EXPR_UNKNOWN_TEST', offset: 5, hint: 'is a filter' },
  { src: 'x | bol', code: 'EXPR_UNKNOWN_FILTER', offset: 4, hint: "did you mean 'bool'?" },
  { src: 'x | defualt(1)', code: 'EXPR_UNKNOWN_FILTER', offset: 4, hint: "did you mean 'default'?" },
  { src: 'x | defined', code: 'EXPR_UNKNOWN_FILTER', offset: 4, hint: 'is a test' },
  { src: 'x | community.general.json_query("a")', code: 'EXPR_UNKNOWN_FILTER', offset: 4 },
  // Unknown names are reported even in a branch that would not run.
  { src: 'false and x | nosuchfilter', code: 'EXPR_UNKNOWN_FILTER', offset: 14 },
];

describe('expr parse', () => {
  describe('tree shapes (precedence and associativity)', () => {
    for (const [src, expected] of SHAPES) {
      it(`${JSON.stringify(src)} → ${expected}`, () => {
        const r = parseExpression(src);
        if (!r.ok) assert.fail(`${r.error.code} at ${r.error.offset}: ${r.error.message}`);
        assert.equal(show(r.expr), expected);
      });
    }
  });

  describe('syntax errors carry a code and the offending offset', () => {
    for (const c of SYNTAX_ERRORS) it(`${JSON.stringify(c.src)} → ${c.code} at ${c.offset}`, () => expectError(c));
  });

  const OFFSETS: readonly (readonly [string, number])[] = [
    ['{{ missing }}', 3],
    ['  n == missing', 7],
    ['{{ d.nope }}', 5],
  ];
  describe('offsets are positions in the original text, also inside {{ }}', () => {
    for (const [src, offset] of OFFSETS) {
      it(`${JSON.stringify(src)} → ${offset}`, () => expectError({ src, code: 'EXPR_UNDEFINED', offset }));
    }
  });

  const BRACES: readonly (readonly [string, boolean])[] = [
    ['{{ a }}', true],
    [' {{a == 1}} ', true],
    ['a', false],
    ["{'a': {'b': 1}}", false],
  ];
  describe('{{ }} around a whole condition is accepted with a warning', () => {
    for (const [src, warns] of BRACES) {
      it(`${JSON.stringify(src)} → ${warns ? 'warning' : 'no warning'}`, () => {
        const r = parseExpression(src);
        assert.ok(r.ok);
        assert.equal(r.warnings !== undefined && r.warnings.length > 0, warns);
      });
    }
  });

  const LIMITS: readonly (readonly [string, string, number])[] = [
    ['100 nested parentheses', '('.repeat(100) + 'a' + ')'.repeat(100), 64],
    ['100 nested lists', '['.repeat(100) + ']'.repeat(100), 64],
    ['100 nots', 'not '.repeat(100) + 'a', 256],
    ['100 unary minus signs', '-'.repeat(100) + '1', 64],
    ['a 300-term sum', Array.from({ length: 300 }, () => '1').join('+'), 85], // the '+' whose node is 257 levels deep
    ['too long', 'a or '.repeat(2500) + 'a', MAX_SOURCE_LENGTH],
  ];
  describe('size and nesting limits give EXPR_SYNTAX, not a crash', () => {
    for (const [title, src, offset] of LIMITS) {
      it(title, () => {
        const r = parseExpression(src);
        assert.ok(!r.ok);
        assert.equal(r.error.code, 'EXPR_SYNTAX');
        assert.equal(r.error.offset, offset, r.error.message);
      });
    }
    it('accepts 60 nested parentheses and 1000 or-ed terms', () => {
      assert.ok(parseExpression('('.repeat(60) + 'a' + ')'.repeat(60)).ok);
      assert.ok(parseExpression(Array.from({ length: 1000 }, (_, i) => `v${i}`).join(' or ')).ok);
    });
  });

  describe('parse cache', () => {
    it('returns the same result object for the same source', () => {
      const a = parseExpression('cache_probe == 1');
      assert.equal(parseExpression('cache_probe == 1'), a);
    });
    it('caches errors too', () => {
      const a = parseExpression('cache_probe ==');
      assert.equal(parseExpression('cache_probe =='), a);
    });
    it('stays bounded while serving many distinct sources', () => {
      for (let i = 0; i < PARSE_CACHE_LIMIT + 500; i++) assert.ok(parseExpression(`bounded_${i} == ${i}`).ok);
      assert.equal(parseCacheSize(), PARSE_CACHE_LIMIT);
    });
    it('keeps recently used entries when evicting', () => {
      const hot = parseExpression('hot_entry == 1');
      for (let i = 0; i < PARSE_CACHE_LIMIT - 1; i++) {
        parseExpression(`evict_${i} == ${i}`);
        if (i % 100 === 0) parseExpression('hot_entry == 1'); // touched, so it stays recent
      }
      for (let i = 0; i < 50; i++) parseExpression(`evict_more_${i}`);
      assert.equal(parseExpression('hot_entry == 1'), hot);
    });
    it('never throws on non-string input', () => {
      const r = parseExpression(42 as unknown as string);
      assert.ok(!r.ok && r.error.code === 'EXPR_SYNTAX');
    });
  });
});

import { expectError, expectValue, type ErrorCase } from './helpers.js';

// [source, expected value]
const LITERALS: readonly (readonly [string, unknown])[] = [
  ['42', 42],
  ['-7', -7],
  ['1_000', 1000],
  ['1.5', 1.5],
  ['2e3', 2000],
  ['1.5e-1', 0.15],
  ["'single'", 'single'],
  ['"double"', 'double'],
  ["'it\\'s'", "it's"],
  ['"tab\\there"', 'tab\there'],
  ["'a' 'b'", 'ab'],
  ['true', true],
  ['True', true],
  ['false', false],
  ['False', false],
  ['none', null],
  ['None', null],
  ['null', null],
  ['[]', []],
  ['[1, "a", [true]]', [1, 'a', [true]]],
  ['[1, 2,]', [1, 2]],
  ["{'k': 1, 'j': [2]}", { k: 1, j: [2] }],
  ['{}', {}],
  ['(1, 2)', [1, 2]],
  ['(1,)', [1]],
  ['()', []],
];

const LOOKUPS: readonly (readonly [string, unknown])[] = [
  ['n', 5],
  ['d.a', 1],
  ['d.nested.deep', 'y'],
  ["d['b']", 'x'],
  ["d['nested']['deep']", 'y'],
  ['l[0]', 1],
  ['l[-1]', 3],
  ['l[-3]', 1],
  ['l.1', 2],
  ['s[1]', 'e'],
  ['s[-1]', 'o'],
  ['unicode[-1]', '😀'],
  ['groups.masters[1]', 'm2'],
  ['groups[inventory_hostname[0] + "asters"][0]', 'm1'],
  ['d.nothing', null],
  ['[[1, 2], [3]][0][1]', 2],
  ["{'__proto__': 1}['__proto__']", 1],
];

const COMPARISONS: readonly (readonly [string, unknown])[] = [
  ['n == 5', true],
  ['n != 5', false],
  ['n > 4', true],
  ['n >= 5', true],
  ['n < 5', false],
  ['n <= 5', true],
  ['f == 1.5', true],
  ['5 == 5.0', true],
  ["s == 'hello'", true],
  ["'abc' < 'abd'", true],
  ["'B' < 'a'", true],
  ['[1, 2] < [1, 3]', true],
  ['[1, 2] < [1, 2, 0]', true],
  ['[1, 2] == [1, 2]', true],
  ["{'a': 1} == {'a': 1}", true],
  ["d.nested == {'deep': 'y'}", true],
  ['false < true', true],
  ["port == 8080", false], // different types are never equal
  ['true == 1', false],
  ['none == none', true],
  ['nil == none', true],
  ["'1' != 1", true],
  ['1 < n < 10', true],
  ['1 < n < 3', false],
  ['5 == n == 5.0', true],
];

const MEMBERSHIP: readonly (readonly [string, unknown])[] = [
  ["'ell' in s", true],
  ["'xyz' in s", false],
  ["'' in s", true],
  ['2 in l', true],
  ['4 in l', false],
  ['4 not in l', true],
  ["'a' in d", true],
  ["'z' in d", false],
  ["'z' not in d", true],
  ['1 in d', false],
  ["inventory_hostname in groups.masters", true],
  ["inventory_hostname in groups['workers']", false],
  ["'m1' in groups.masters and 'm1' not in groups.workers", true],
  ['[1] in [[1], [2]]', true],
  ["'web' in ('web', 'db')", true],
];

const LOGIC: readonly (readonly [string, unknown])[] = [
  ['true and false', false],
  ['true or false', true],
  ['not true', false],
  ['not not n', true],
  ['not 0', true],
  // Python's and/or return the deciding operand.
  ["n and 'yes'", 'yes'],
  ["zero and 'yes'", 0],
  ["empty or 'fallback'", 'fallback'],
  ["s or 'fallback'", 'hello'],
  ['nil or el', []],
  ['false or false or 3', 3],
  ['1 and 2 and 3', 3],
  // Precedence: or < and < not < comparison < filters/tests.
  ['true or false and false', true],
  ['(true or false) and false', false],
  ['not false and false', false],
  ['not (false and false)', true],
  ['not n == 5', false],
  ['not n in l', true],
  ['not 2 in l', false],
  ['n == 5 and s == "hello" or false', true],
  ['false and undefined_var', false], // short-circuit: never looked up
  ['true or undefined_var', true],
  ['not s | length == 5', false],
  ["not 'x' is string", false],
];

const ARITHMETIC: readonly (readonly [string, unknown])[] = [
  ['1 + 2 * 3', 7],
  ['(1 + 2) * 3', 9],
  ['10 - 4 - 3', 3],
  ['7 / 2', 3.5],
  ['7 // 2', 3],
  ['-7 // 2', -4],
  ['7 % 3', 1],
  ['-7 % 3', 2],
  ['7 % -3', -2],
  ['-n', -5],
  ['- -n', 5],
  ['+n', 5],
  ['neg * -1', 3],
  ["'a' + 'b'", 'ab'],
  ['[1] + [2]', [1, 2]],
  ["'v' ~ 1 ~ true ~ none", 'v1TrueNone'],
  ["n * 2 ~ 'x'", '10x'], // * binds tighter than ~
  ["port | int + 1 > 8080", true],
  ['l | length * 2', 6],
  ['-l[0]', -1],
  ['n * 2 > 9', true],
];

// Operator and filter combinations that are easy to get wrong.
const PRECEDENCE: readonly (readonly [string, unknown])[] = [
  ['-n | string', '-5'], // unary minus applies before the filter (as in Jinja)
  ["s | upper == 'HELLO'", true],
  ["s | length > 4 and s | length < 6", true],
  ['n is number and n > 1', true],
  ['(1 + 1) is number', true],
  ["'x' ~ 'y' in 'axyb'", true],
];

const TRUTHINESS: readonly (readonly [string, boolean])[] = [
  ['not empty', true],
  ['not el', true],
  ['not ed', true],
  ['not zero', true],
  ['not nil', true],
  ['not 0.0', true],
  ['not s', false],
  ['not l', false],
  ['not d', false],
  ['not f', false],
  ["not ' '", false],
  ["not '0'", false], // a non-empty string is true, even "0"
  ["not 'false'", false],
  ['not [0]', false],
  ["not {'a': none}", false],
];

function table(title: string, cases: readonly (readonly [string, unknown])[]): void {
  describe(title, () => {
    for (const [src, expected] of cases) it(`${src} → ${JSON.stringify(expected)}`, () => expectValue(src, expected));
  });
}

describe('expr evaluate', () => {
  table('literals', LITERALS);
  table('lookups', LOOKUPS);
  table('comparisons', COMPARISONS);
  table('membership', MEMBERSHIP);
  table('logic and precedence', LOGIC);
  table('arithmetic', ARITHMETIC);
  table('operators with filters and tests', PRECEDENCE);
  table('Python truthiness', TRUTHINESS);

  const ERRORS: readonly ErrorCase[] = [
    { src: "'a' < 1", code: 'EXPR_TYPE', offset: 4, message: "'<' not supported between instances of 'str' and 'int'" },
    { src: 'port > 80', code: 'EXPR_TYPE', offset: 5, hint: '| int' },
    { src: 'nil < 1', code: 'EXPR_TYPE', offset: 4 },
    { src: 'd < d', code: 'EXPR_TYPE', offset: 2, message: "'dict' and 'dict'" },
    { src: '1 in s', code: 'EXPR_TYPE', offset: 2, message: "requires string as left operand" },
    { src: '1 in n', code: 'EXPR_TYPE', offset: 2, message: "argument of type 'int' is not iterable" },
    { src: "1 + 'a'", code: 'EXPR_TYPE', offset: 2, message: 'unsupported operand' },
    { src: 'n / 0', code: 'EXPR_TYPE', offset: 2, message: 'division by zero' },
    { src: 'n % 0', code: 'EXPR_TYPE', offset: 2, message: 'division by zero' },
    { src: "-'a'", code: 'EXPR_TYPE', offset: 0, message: 'bad operand type' },
    { src: '{l: 1}', code: 'EXPR_TYPE', offset: 1, message: 'dictionary keys must be strings' },
    { src: '1 < n < s', code: 'EXPR_TYPE', offset: 6 },
    { src: '1 + 1 is number', code: 'EXPR_TYPE', offset: 2 }, // tests bind tightest: 1 + (1 is number)
    { src: '1 + 2 ~ 3', code: 'EXPR_TYPE', offset: 2 }, // ~ binds tighter than +, as in Jinja: 1 + '23'
  ];
  describe('type errors point at the operator', () => {
    for (const c of ERRORS) it(`${c.src} → ${c.code} at ${c.offset}`, () => expectError(c));
  });
});

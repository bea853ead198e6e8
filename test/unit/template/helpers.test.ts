import assert from 'node:assert/strict';
import { renderString } from '../../../engine/template/index.js';
import { err, ok, vars } from './support.js';

const V = vars({
  list: ['a', 'b', 'c'],
  nums: [1, 2],
  mixed: ['x', 1, true, null, { k: 'v' }],
  empty: [],
  text: 'Hello World',
  utf: 'grüße ✓',
  dict: { b: 1, a: [true, null] },
  multi: "it's\n$HOME `x` \\ \"q\"",
  b64: 'aGVsbG8=',
  n: 5,
  zero: 0,
  t: true,
  f: false,
  nothing: null,
});

describe('template helpers', () => {
  const CASES: readonly (readonly [string, string, unknown])[] = [
    ['default: undefined → fallback', '{{default missing "d"}}', 'd'],
    ['default: defined stays', '{{default n 1}}', 5],
    ['default: false stays without the third argument', '{{default f "d"}}', false],
    ['default: false replaced with true', '{{default f "d" true}}', 'd'],
    ['default: 0 replaced with true', '{{default zero 7 true}}', 7],
    ['default: [] replaced with true', '{{default empty "d" true}}', 'd'],
    ['join with a separator', '{{join list ","}}', 'a,b,c'],
    ['join without a separator (as Jinja)', '{{join list}}', 'abc'],
    ['join of mixed items', '{{join mixed " "}}', 'x 1 true  {"k":"v"}'],
    ['join of an empty list', '[{{join empty ","}}]', '[]'],
    ['quote plain', '{{quote "abc"}}', 'abc'],
    ['quote with a space', '{{quote "a b"}}', "'a b'"],
    ['quote a single quote', `{{quote "it's"}}`, `'it'"'"'s'`],
    ['quote the empty string', '{{quote ""}}', "''"],
    ['quote a number', '{{quote n}}', '5'],
    ['quote null', '{{quote nothing}}', "''"],
    ['quote shell specials', '{{quote multi}}', `'it'"'"'s\n$HOME \`x\` \\ "q"'`],
    ['to_json of a dict', '{{to_json dict}}', '{"b":1,"a":[true,null]}'],
    ['to_json with indent', '{{to_json nums indent=2}}', '[\n  1,\n  2\n]'],
    ['to_json of a string', '{{to_json text}}', '"Hello World"'],
    ['to_json of null', '{{to_json nothing}}', 'null'],
    ['to_yaml of a dict', '{{to_yaml dict}}', 'b: 1\na:\n  - true\n  - null\n'],
    ['to_yaml of a list', '{{to_yaml list}}', '- a\n- b\n- c\n'],
    ['to_yaml with indent', '{{to_yaml dict indent=4}}', 'b: 1\na:\n    - true\n    - null\n'],
    ['b64encode', '{{b64encode "hello"}}', 'aGVsbG8='],
    ['b64encode UTF-8', '{{b64encode utf}}', Buffer.from('grüße ✓').toString('base64')],
    ['b64decode', '{{b64decode b64}}', 'hello'],
    ['b64 round trip', '{{b64decode (b64encode utf)}}', 'grüße ✓'],
    ['b64decode without padding', '{{b64decode "aGVsbG8"}}', 'hello'],
    ['lower', '{{lower text}}', 'hello world'],
    ['upper', '{{upper text}}', 'HELLO WORLD'],
    ['first of a list', '{{first list}}', 'a'],
    ['last of a list', '{{last list}}', 'c'],
    ['first of a text', '{{first utf}}', 'g'],
    ['last of a text (a whole character)', '{{last utf}}', '✓'],
    ['length of a list', '{{length list}}', 3],
    ['length of a text counts characters', '{{length utf}}', 7],
    ['length of a dict counts keys', '{{length dict}}', 2],
    ['eq numbers', '{{eq n 5}}', true],
    ['eq is strict about types', '{{eq n "5"}}', false],
    ['eq compares lists by value', '{{eq nums nums}}', true],
    ['ne', '{{ne n 6}}', true],
    ['and', '{{and t n}}', true],
    ['and with a false value', '{{and t zero}}', false],
    ['or', '{{or f zero n}}', true],
    ['not', '{{not empty}}', true],
    ['in #if', '{{#if (and (eq n 5) (not f))}}yes{{/if}}', 'yes'],
    ['helpers nest', '{{upper (join (lookup dict "a") "-")}}', 'TRUE-'],
  ];
  for (const [title, template, expected] of CASES) {
    it(title, () => assert.deepEqual(ok(renderString(template, V)), expected));
  }

  const ERRORS: readonly (readonly [string, string, string, RegExp])[] = [
    ['join of a non-list', '{{join text ","}}', 'TEMPLATE_HELPER', /join expects a list, got a string/],
    ['join of an undefined variable', '{{join missing ","}}', 'UNDEFINED_VAR', /'missing'/],
    ['quote of a list', '{{quote list}}', 'TEMPLATE_HELPER', /quote expects text, got a list/],
    ['lower of a number', '{{lower n}}', 'TEMPLATE_HELPER', /lower expects text/],
    ['b64decode of non-base64', '{{b64decode "%%%"}}', 'TEMPLATE_HELPER', /not base64/],
    ['b64decode of bytes that are not UTF-8', '{{b64decode "/w=="}}', 'TEMPLATE_HELPER', /not UTF-8/],
    ['first of a number', '{{first n}}', 'TEMPLATE_HELPER', /first expects a list/],
    ['length of a number', '{{length n}}', 'TEMPLATE_HELPER', /length expects/],
    ['too few arguments', '{{join}}', 'TEMPLATE_HELPER', /join takes 1 to 2 arguments, got 0/],
    ['too many arguments', '{{upper text text}}', 'TEMPLATE_HELPER', /upper takes 1 argument, got 2/],
    ['default needs a fallback', '{{default n}}', 'TEMPLATE_HELPER', /default takes 2 to 3/],
    ['raw outside a block', '{{raw}}', 'TEMPLATE_HELPER', /raw is a block/],
    ['an undefined argument inside a subexpression', '{{upper (lower missing)}}', 'UNDEFINED_VAR', /'missing' \(argument 1 of lower\)/],
    ['#if with two arguments', '{{#if t f}}x{{/if}}', 'TEMPLATE_HELPER', /#if requires exactly one argument/],
  ];
  for (const [title, template, code, message] of ERRORS) {
    it(`error: ${title}`, () => {
      const e = err(renderString(template, V));
      assert.equal(e.code, code, e.message);
      assert.match(e.message, message);
    });
  }

  it('a variable named like a helper: the error says how to reach it', () => {
    const e = err(renderString('{{ first }}', vars({ first: 'f' })));
    assert.equal(e.code, 'TEMPLATE_HELPER');
    assert.match(e.hint ?? '', /\{\{ this\.first \}\}/);
    assert.equal(ok(renderString('{{ this.first }}-{{ @root.first }}', vars({ first: 'f' }))), 'f-f');
  });

  it('a helper error carries the position of the call', () => {
    const e = err(renderString('line one\n  x={{join text ","}}', V));
    assert.deepEqual([e.line, e.col], [2, 5]);
  });

  describe('hostvar and groups', () => {
    const hostvars = new Map([
      ['m1', vars({ cluster_address: '{{ ansible_host }}:6443', ansible_host: '10.0.0.1' })],
      ['w1', vars({ ansible_host: '10.0.0.2' })],
    ]);
    const H = vars({ ansible_host: '10.0.0.9' }, { hostvars, groups: { master: ['m1'], workers: ['w1'] } });
    const CASES2: readonly (readonly [string, string, unknown])[] = [
      ["hostvar renders in the other host's scope", '{{hostvar "m1" "cluster_address"}}', '10.0.0.1:6443'],
      ['hostvar with a group lookup', '{{hostvar (first groups.master) "cluster_address"}}', '10.0.0.1:6443'],
      ['nested lookup spelling', '{{lookup (lookup hostvars (first groups.master)) "cluster_address"}}', '10.0.0.1:6443'],
      ['path spelling', '{{hostvars.m1.ansible_host}}', '10.0.0.1'],
      ['each over a group', '{{#each groups.workers}}{{hostvar this "ansible_host"}} {{/each}}', '10.0.0.2 '],
      ['each over hostvars', '{{#each hostvars}}{{@key}}={{ansible_host}};{{/each}}', 'm1=10.0.0.1;w1=10.0.0.2;'],
      ['own variables are unaffected', '{{ansible_host}}', '10.0.0.9'],
    ];
    for (const [title, template, expected] of CASES2) {
      it(title, () => assert.deepEqual(ok(renderString(template, H)), expected));
    }

    const HERR: readonly (readonly [string, string, string, string | undefined])[] = [
      ['an unknown host', '{{hostvar "m2" "cluster_address"}}', 'hostvars.m2', "did you mean 'm1'?"],
      ["a variable the host doesn't have", '{{hostvar "w1" "cluster_address"}}', 'hostvars.w1.cluster_address', undefined],
      ['a near miss', '{{hostvar "m1" "cluster_adress"}}', 'hostvars.m1.cluster_adress', "did you mean 'cluster_address'?"],
    ];
    for (const [title, template, variable, hint] of HERR) {
      it(`error: ${title}`, () => {
        const e = err(renderString(template, H));
        assert.equal(e.code, 'UNDEFINED_VAR');
        assert.match(e.variable ?? '', new RegExp(`^${variable.replaceAll('.', '\\.')}`));
        assert.equal(e.hint, hint);
      });
    }

    it('without hostvars, hostvar says so', () => {
      const e = err(renderString('{{hostvar "m1" "x"}}', vars({})));
      assert.equal(e.code, 'UNDEFINED_VAR');
      assert.match(e.message, /hostvars/);
    });

    it('hostvars given as plain data is read as data', () => {
      const plain = vars({}, { hostvars: { m1: { ip: '10.0.0.1' } } });
      assert.equal(ok(renderString('{{hostvar "m1" "ip"}}', plain)), '10.0.0.1');
    });
  });
});

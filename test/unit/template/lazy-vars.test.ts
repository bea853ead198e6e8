import assert from 'node:assert/strict';
import { renderString, renderValue, type VarEntry } from '../../../engine/template/index.js';
import { err, ok, vars } from './support.js';

describe('template lazy variables', () => {
  describe('templated variables are rendered when read', () => {
    const CASES: readonly (readonly [string, Record<string, unknown>, string, unknown])[] = [
      ['one level', { a: '{{ b }}', b: 1 }, '{{ a }}', 1],
      ['a chain', { a: '{{ b }}', b: '{{ c }}', c: 'end' }, '{{ a }}', 'end'],
      ['types survive the chain', { a: '{{ b }}', b: '{{ c }}', c: [1, 2] }, '{{ a }}', [1, 2]],
      ['text composed from others', { url: 'https://{{ host }}:{{ port }}', host: 'h', port: 6443 }, '{{ url }}', 'https://h:6443'],
      ['deep values', { cfg: { addr: '{{ host }}', list: ['{{ port }}'] }, host: 'h', port: 1 }, '{{ cfg }}', { addr: 'h', list: [1] }],
      ['a dotted read renders the parent', { cfg: { addr: '{{ host }}' }, host: 'h' }, '{{ cfg.addr }}', 'h'],
      ['defaults on top of other vars', { v: '{{default override "base"}}' }, '{{ v }}', 'base'],
      ['a conditional value', { mode: '{{#if ha}}ha{{else}}single{{/if}}', ha: false }, '{{ mode }}', 'single'],
      ['an unread broken variable does no harm', { good: 1, bad: '{{ missing }}' }, '{{ good }}', 1],
    ];
    for (const [title, record, template, expected] of CASES) {
      it(title, () => assert.deepEqual(ok(renderString(template, vars(record))), expected));
    }
  });

  describe('cycles', () => {
    const CASES: readonly (readonly [string, Record<string, unknown>, string, RegExp])[] = [
      ['two variables', { a: '{{ b }}', b: '{{ a }}' }, '{{ a }}', /a → b → a/],
      ['a variable that reads itself', { path: '{{ path }}:/opt/bin' }, '{{ path }}', /path → path/],
      ['three variables', { a: '{{ b }}', b: 'x{{ c }}', c: '{{ a }}' }, 'v={{ b }}', /b → c → a → b/],
      ['inside a structure', { a: { k: ['{{ b }}'] }, b: '{{ a.k }}' }, '{{ a }}', /a → b → a/],
      ['through a condition', { a: '{{#if b}}y{{/if}}', b: '{{ a }}' }, '{{ a }}', /a → b → a/],
    ];
    for (const [title, record, template, chain] of CASES) {
      it(title, () => {
        const e = err(renderString(template, vars(record)));
        assert.equal(e.code, 'TEMPLATE_CYCLE');
        assert.match(e.message, chain);
      });
    }

    it('reading the same variable twice is not a cycle', () => {
      assert.equal(ok(renderString('{{ b }}', vars({ a: 1, b: '{{ a }}{{ a }}' }))), '11');
    });
  });

  it('an error inside a variable names that variable and drops positions from its value', () => {
    const e = err(renderString('x={{ url }}', vars({ url: 'https://{{ hots }}', host: 'h' })));
    assert.equal(e.code, 'UNDEFINED_VAR');
    assert.equal(e.variable, 'hots');
    assert.match(e.message, /in the value of variable 'url'/);
    assert.equal(e.line, undefined);
  });

  it('each variable is rendered at most once per call', () => {
    let reads = 0;
    const counted: VarEntry = {
      templated: true,
      get value() {
        reads++;
        return '{{ base }}-x';
      },
    };
    const v = new Map<string, VarEntry>([...vars({ base: 'b' }), ['heavy', counted]]);
    const out = ok(renderValue(['{{ heavy }}', '{{ heavy }}/{{ heavy }}', { k: '{{ heavy }}' }], v));
    assert.deepEqual(out, ['b-x', 'b-x/b-x', { k: 'b-x' }]);
    assert.equal(reads, 1);
    ok(renderString('{{ heavy }}', v));
    assert.equal(reads, 2, 'a new call renders again');
  });

  describe('data from hosts is never rendered again', () => {
    const stdout = 'token is {{ secret }} and {{#each x}}{{/each}} and {{ broken';
    const v = vars(
      { secret: 'S3CRET', uses: '{{ result.stdout }}' },
      { result: { stdout, rc: 0 }, fact: '{{ secret }}', facts: { os: '{{ secret }}' } },
    );
    const CASES: readonly (readonly [string, string, unknown])[] = [
      ['a registered stdout comes out literally', '{{ result.stdout }}', stdout],
      ['inside text', 'out: {{ result.stdout }}', `out: ${stdout}`],
      ['through a templated variable', '{{ uses }}', stdout],
      ['a fact that looks like a template', '{{ fact }}', '{{ secret }}'],
      ['a nested fact', '{{ facts.os }}', '{{ secret }}'],
      ['a whole registered result', '{{ result }}', { stdout, rc: 0 }],
      ['through a helper', '{{ upper fact }}', '{{ SECRET }}'],
    ];
    for (const [title, template, expected] of CASES) {
      it(title, () => assert.deepEqual(ok(renderString(template, v)), expected));
    }

    it('renderValue over task args does not render the data it pulls in', () => {
      assert.deepEqual(ok(renderValue({ msg: '{{ result.stdout }}' }, v)), { msg: stdout });
    });
  });

  it('a templated hostvars entry is rendered in its own host', () => {
    const m1 = vars({ addr: '{{ ip }}:6443', ip: '10.0.0.1' });
    const hostvars = new Map([['m1', m1]]);
    const self = vars({ ip: '10.0.0.9' }, { hostvars });
    assert.equal(ok(renderString('{{ hostvars.m1.addr }} / {{ ip }}', self)), '10.0.0.1:6443 / 10.0.0.9');
  });

  it('a cycle in another host names the host', () => {
    const m1 = vars({ a: '{{ b }}', b: '{{ a }}' });
    const e = err(renderString('{{hostvar "m1" "a"}}', vars({}, { hostvars: new Map([['m1', m1]]) })));
    assert.equal(e.code, 'TEMPLATE_CYCLE');
    assert.match(e.message, /m1:a → m1:b → m1:a/);
  });
});

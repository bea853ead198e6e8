import assert from 'node:assert/strict';
import { hasTemplate, renderFile, renderString, renderValue } from '../../../engine/template/index.js';
import { COMMON, err, ok, vars } from './support.js';

describe('template render', () => {
  describe('renderString: text and types', () => {
    const CASES: readonly (readonly [string, string, unknown])[] = [
      ['text without mustaches is returned as is', 'plain text', 'plain text'],
      ['config punctuation is byte-identical', `a=b&c<'d'>"e"\`f\``, `a=b&c<'d'>"e"\`f\``],
      ['braces that are not a template stay', 'a { b } }} c', 'a { b } }} c'],
      ['interpolation gives text', 'port={{ port }}', 'port=6443'],
      ['no HTML escaping in interpolation', '{{ x }}&<>"\'=`', '1&<>"\'=`'],
      ['a list alone keeps its type', '{{ packages }}', ['kubelet', 'kubeadm']],
      ['without spaces too', '{{packages}}', ['kubelet', 'kubeadm']],
      ['a number alone stays a number', '{{ port }}', 6443],
      ['a boolean alone stays a boolean', '{{ flag }}', true],
      ['false stays false', '{{ off }}', false],
      ['zero stays zero', '{{ zero }}', 0],
      ['null stays null', '{{ nothing }}', null],
      ['a dict alone stays a dict', '{{ cfg }}', { listen: '0.0.0.0', ports: [1883, 8883] }],
      ['a nested value', '{{ a.b.c }}', 'deep'],
      ['triple braces are the same (no escaping anywhere)', '{{{ port }}}', 6443],
      ['whitespace control keeps one expression', '{{~ port ~}}', 6443],
      ['spaces outside the braces make it text (as in Ansible)', ' {{ port }} ', ' 6443 '],
      ['a trailing newline makes it text', '{{ port }}\n', '6443\n'],
      ['two expressions make text', '{{ port }}{{ port }}', '64436443'],
      ['a list inside text is JSON', 'pkgs={{ packages }}', 'pkgs=["kubelet","kubeadm"]'],
      ['a dict inside text is JSON', 'cfg={{ cfg }}', 'cfg={"listen":"0.0.0.0","ports":[1883,8883]}'],
      ['null inside text is empty', '[{{ nothing }}]', '[]'],
      ['a helper alone keeps its type', '{{ length packages }}', 2],
      ['a helper result inside text', 'n={{ length packages }}', 'n=2'],
      ['a list index', '{{ groups.master.[0] }}', 'm1'],
      ['lookup through groups', '{{ lookup groups "workers" }}', ['w1', 'w2']],
      ['first of a group', '{{ first groups.master }}', 'm1'],
      ['@root', '{{ @root.name }}', 'web'],
      ['each with @index', '{{#each packages}}{{@index}}={{this}};{{/each}}', '0=kubelet;1=kubeadm;'],
      ['each over a dict with @key', '{{#each cfg}}{{@key}} {{/each}}', 'listen ports '],
      ['each with a block parameter', '{{#each packages as |p|}}<{{p}}>{{/each}}', '<kubelet><kubeadm>'],
      ['with', '{{#with a.b}}{{c}}{{/with}}', 'deep'],
      ['a block alone is text', '{{#if flag}}{{ port }}{{/if}}', '6443'],
      ['an escaped mustache is literal', '\\{{ port }}', '{{ port }}'],
      ['a raw block is literal', '{{{{raw}}}}{{ .Name }}{{{{/raw}}}}', '{{ .Name }}'],
      ['a comment renders nothing', 'a{{! note }}b', 'ab'],
      ['multi-line text', 'line1\n{{ name }}\nline3', 'line1\nweb\nline3'],
    ];
    for (const [title, template, expected] of CASES) {
      it(title, () => assert.deepEqual(ok(renderString(template, COMMON)), expected));
    }
  });

  describe('renderValue', () => {
    const CASES: readonly (readonly [string, unknown, unknown])[] = [
      ['a string', '{{ name }}', 'web'],
      ['non-strings pass through', 42, 42],
      ['null passes through', null, null],
      ['every string in a list', ['{{ name }}', 'x', '{{ port }}'], ['web', 'x', 6443]],
      ['keys stay literal', { '{{ name }}': '{{ name }}' }, { '{{ name }}': 'web' }],
      ['deep structures', { a: [{ b: 'p={{ port }}' }], n: 1, t: true }, { a: [{ b: 'p=6443' }], n: 1, t: true }],
      ['a value that is a list stays a list', { pkgs: '{{ packages }}' }, { pkgs: ['kubelet', 'kubeadm'] }],
    ];
    for (const [title, input, expected] of CASES) {
      it(title, () => assert.deepEqual(ok(renderValue(input, COMMON)), expected));
    }

    it('returns a new structure and leaves the input untouched', () => {
      const input = { args: ['{{ name }}'], keep: { n: 1 } };
      const before = structuredClone(input);
      const out = ok(renderValue(input, COMMON)) as typeof input;
      assert.deepEqual(input, before);
      assert.notEqual(out, input);
      assert.notEqual(out.keep, input.keep);
    });

    it('a rendered value can be changed without changing the variable', () => {
      const v = vars({ list: [1, 2] });
      const out = ok(renderValue({ l: '{{ list }}' }, v)) as { l: number[] };
      out.l.push(3);
      assert.deepEqual(v.get('list')?.value, [1, 2]);
    });

    it('a key named __proto__ stays an ordinary key', () => {
      const input = JSON.parse('{"__proto__": {"polluted": "{{ name }}"}}') as unknown;
      const out = ok(renderValue(input, COMMON)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(out), ['__proto__']);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal(Object.getPrototypeOf(out), Object.prototype);
    });

    it('the first failing string fails the whole value', () => {
      assert.equal(err(renderValue({ a: 'ok', b: ['{{ missing }}'] }, COMMON)).code, 'UNDEFINED_VAR');
    });
  });

  describe('renderFile', () => {
    it('always gives text, even for one expression', () => {
      assert.equal(ok(renderFile('{{ port }}', COMMON, 'port.txt')), '6443');
      assert.equal(ok(renderFile('{{ packages }}', COMMON, 'p.txt')), '["kubelet","kubeadm"]');
    });

    it('keeps a config file byte-identical apart from its mustaches', () => {
      const text = "# kubeadm\napiServer:\n  certSANs: ['a&b', \"<c>\"]\n  port: {{ port }}\n\n";
      assert.equal(ok(renderFile(text, COMMON, 'kubeadm.yaml')), text.replace('{{ port }}', '6443'));
    });

    it('names the template, the variable and the line of an undefined variable', () => {
      const e = err(renderFile('token:\n  {{ kubeadm_token }}\n', COMMON, 'join.yaml.hbs'));
      assert.equal(e.code, 'UNDEFINED_VAR');
      assert.equal(e.variable, 'kubeadm_token');
      assert.match(e.message, /join\.yaml\.hbs/);
      assert.match(e.message, /kubeadm_token/);
      assert.equal(e.line, 2);
      assert.equal(e.col, 6, "the column of the variable name");
    });
  });

  describe('hasTemplate', () => {
    const CASES: readonly (readonly [string, boolean])[] = [
      ['plain', false],
      ['{ x }', false],
      ['}}', false],
      ['{{x}}', true],
      ['a {{', true],
      ['\\{{x}}', true],
    ];
    for (const [s, expected] of CASES) it(`${JSON.stringify(s)} → ${expected}`, () => assert.equal(hasTemplate(s), expected));
  });
});

import assert from 'node:assert/strict';
import { renderString } from '../../../engine/template/index.js';
import { COMMON, err, ok, vars } from './support.js';

describe('template strict undefined', () => {
  describe('conditions, loops and default may probe undefined values', () => {
    const CASES: readonly (readonly [string, string, unknown])[] = [
      ['#if on an undefined variable', '{{#if optional}}yes{{else}}no{{/if}}', 'no'],
      ['#if on a missing key', '{{#if cfg.missing}}yes{{else}}no{{/if}}', 'no'],
      ['#if below a missing parent', '{{#if missing.b.c}}yes{{else}}no{{/if}}', 'no'],
      ['#if below a null parent', '{{#if nothing.b}}yes{{else}}no{{/if}}', 'no'],
      ['#if on a defined value', '{{#if cfg.listen}}yes{{/if}}', 'yes'],
      ['#if treats 0 as false', '{{#if zero}}yes{{else}}no{{/if}}', 'no'],
      ['#if treats [] as false', '{{#if none}}yes{{else}}no{{/if}}', 'no'],
      ['#unless on an undefined variable', '{{#unless optional}}absent{{/unless}}', 'absent'],
      ['#each over an undefined variable', '{{#each optional}}x{{else}}nothing{{/each}}', 'nothing'],
      ['#with an undefined variable', '{{#with optional}}x{{else}}none{{/with}}', 'none'],
      ['default for an undefined variable', '{{default optional "fallback"}}', 'fallback'],
      ['default below a missing parent', '{{default missing.b.c "fallback"}}', 'fallback'],
      ['default keeps a defined value', '{{default port 80}}', 6443],
      ['default keeps null (as Ansible)', '{{default nothing "x"}}', null],
      ['default with true also replaces null', '{{default nothing "x" true}}', 'x'],
      ['default with true also replaces ""', '{{default empty "x" true}}', 'x'],
      ['eq with an undefined side', '{{#if (eq optional "a")}}y{{else}}n{{/if}}', 'n'],
      ['not of an undefined value', '{{#if (not optional)}}y{{/if}}', 'y'],
      ['and/or probe', '{{#if (or optional flag)}}y{{/if}}', 'y'],
      ['lookup probes', '{{#if (lookup cfg "nope")}}y{{else}}n{{/if}}', 'n'],
      ['nested if/else chain', '{{#if optional}}a{{else if flag}}b{{else}}c{{/if}}', 'b'],
    ];
    for (const [title, template, expected] of CASES) {
      it(title, () => assert.deepEqual(ok(renderString(template, COMMON)), expected));
    }
  });

  describe('output of an undefined value is an error naming it', () => {
    const CASES: readonly (readonly [string, string, string, string | undefined])[] = [
      // title, template, variable, hint
      ['a missing variable', '{{ kubeadm_token }}', 'kubeadm_token', undefined],
      ['a near miss', '{{ kubeadm_token_fil }}', 'kubeadm_token_fil', "did you mean 'kubeadm_token_file'?"],
      ['a typo', '{{ nmae }}', 'nmae', "did you mean 'name'?"],
      ['nothing close: no hint', '{{ zzzzzzzzzz }}', 'zzzzzzzzzz', undefined],
      ['a missing key, full path', '{{ a.b.d }}', 'a.b.d', "did you mean 'c'?"],
      ['a missing parent, full path', '{{ missing.b.c }}', 'missing.b.c', undefined],
      ['below null', '{{ nothing.b }}', 'nothing.b', undefined],
      ['below a number', '{{ port.b }}', 'port.b', undefined],
      ['past the end of a list', '{{ packages.[5] }}', 'packages.5', undefined],
      ['inside text', 'host={{ hots }}:{{ port }}', 'hots', undefined],
      ['inside a block', '{{#if flag}}{{ nmae }}{{/if}}', 'nmae', "did you mean 'name'?"],
      ['inside each: hint from the item', '{{#each items}}{{ nmae }}{{/each}}', 'nmae', "did you mean 'name'?"],
      ['a data path', '{{ @root.nmae }}', '@root.nmae', "did you mean 'name'?"],
      ['as a helper argument', '{{ upper nmae }}', 'nmae', "did you mean 'name'?"],
      ['as a nested helper argument', '{{ join (lookup cfg "x") "," }}', '', undefined],
      ['a section of an undefined variable', '{{#optional}}x{{/optional}}', 'optional', undefined],
      ['an inverted section of an undefined variable', '{{^optional}}x{{/optional}}', 'optional', undefined],
      ['a helper that found nothing', '{{ lookup cfg "nope" }}', '', undefined],
      ['the first of an empty list', '{{ first none }}', '', undefined],
      ['a block parameter path', '{{#each packages as |p|}}{{ p.x }}{{/each}}', 'p.x', undefined],
    ];
    const v = vars({ ...Object.fromEntries([...COMMON].map(([k, e]) => [k, e.value])), items: [{ name: 'a' }] });
    for (const [title, template, variable, hint] of CASES) {
      it(title, () => {
        const e = err(renderString(template, v));
        assert.equal(e.code, 'UNDEFINED_VAR', e.message);
        if (variable !== '') {
          assert.equal(e.variable, variable);
          assert.ok(e.message.includes(variable), e.message);
        }
        assert.equal(e.hint, hint);
        assert.equal(typeof e.line, 'number');
      });
    }
  });

  describe('positions', () => {
    const CASES: readonly (readonly [string, number, number])[] = [
      ['{{ missing }}', 1, 4],
      ['abc {{missing}}', 1, 7],
      ['a\nb\n  {{ x }} {{ missing }}', 3, 14],
      ['{{#if flag}}\n\n{{missing}}{{/if}}', 3, 3],
    ];
    for (const [template, line, col] of CASES) {
      it(`${JSON.stringify(template)} → ${line}:${col}`, () => {
        const e = err(renderString(template, COMMON));
        assert.deepEqual([e.line, e.col], [line, col]);
      });
    }
  });

  it('an unknown helper is named, with a hint', () => {
    const e = err(renderString('{{ uper name }}', COMMON));
    assert.equal(e.code, 'TEMPLATE_HELPER');
    assert.match(e.message, /unknown helper 'uper'/);
    assert.equal(e.hint, "did you mean 'upper'?");
  });

  it('calling a variable as a helper is an unknown helper', () => {
    assert.equal(err(renderString('{{ name port }}', COMMON)).code, 'TEMPLATE_HELPER');
  });
});

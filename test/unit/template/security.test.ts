import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import Handlebars from 'handlebars';
import { compileTemplate } from '../../../engine/template/compile-cache.js';
import { COMPILE_OPTIONS, RUNTIME_OPTIONS } from '../../../engine/template/environment.js';
import { TemplateFailure } from '../../../engine/template/failure.js';
import { renderFile, renderString, renderValue } from '../../../engine/template/index.js';
import { COMMON, err, ok, vars } from './support.js';

const require = createRequire(import.meta.url);

function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    const want = minimum[i] ?? 0;
    if (have !== want) return have > want;
  }
  return true;
}

describe('template security', () => {
  it('handlebars is at least 4.7.10 (CVE-2026-33937, GHSA-8r5x-fm3f-whwj)', () => {
    const pkg = require('handlebars/package.json') as { version: string };
    assert.ok(versionAtLeast(pkg.version, [4, 7, 10]), pkg.version);
  });

  it('handlebars itself refuses compile({})', () => {
    assert.throws(() => Handlebars.compile({}));
  });

  it('compiles with noEscape and strict, and denies prototype access explicitly', () => {
    assert.equal(COMPILE_OPTIONS.noEscape, true);
    assert.equal(COMPILE_OPTIONS.strict, true);
    assert.equal(RUNTIME_OPTIONS.allowProtoMethodsByDefault, false);
    assert.equal(RUNTIME_OPTIONS.allowProtoPropertiesByDefault, false);
  });

  it('the compile cache refuses anything but a string before handlebars sees it', () => {
    for (const input of [{}, { type: 'Program', body: [] }, 1, null]) {
      assert.throws(() => compileTemplate(input as unknown as string), (e: unknown) => e instanceof TemplateFailure && e.error.code === 'TEMPLATE_SYNTAX');
    }
  });

  describe('only strings are templates', () => {
    const INPUTS: readonly unknown[] = [{}, { type: 'Program', body: [] }, 42, null, ['{{x}}']];
    for (const input of INPUTS) {
      it(`renderString(${JSON.stringify(input)}) is refused`, () => {
        assert.equal(err(renderString(input as string, COMMON)).code, 'TEMPLATE_SYNTAX');
      });
      it(`renderFile(${JSON.stringify(input)}) is refused`, () => {
        assert.equal(err(renderFile(input as string, COMMON, 'f')).code, 'TEMPLATE_SYNTAX');
      });
    }
    it('renderValue renders an AST-shaped object as data, not as a template', () => {
      const ast = { type: 'Program', body: [{ type: 'MustacheStatement' }] };
      assert.deepEqual(ok(renderValue(ast, COMMON)), ast);
    });
  });

  describe('prototypes are out of reach', () => {
    const v = vars({ obj: { k: 1 }, list: [1], s: 'text' });
    // Each either renders nothing harmful or is an error; none may reach a constructor.
    const TEMPLATES: readonly string[] = [
      '{{lookup (lookup this "constructor") "name"}}',
      '{{lookup (lookup obj "constructor") "name"}}',
      '{{obj.constructor.name}}',
      '{{obj.__proto__}}',
      '{{obj.__proto__.constructor}}',
      '{{list.constructor}}',
      '{{s.constructor.name}}',
      '{{constructor}}',
      '{{__proto__}}',
      '{{toString}}',
      '{{obj.toString}}',
      '{{obj.hasOwnProperty}}',
      '{{#with obj.constructor}}{{name}}{{/with}}',
      '{{#each (lookup obj "constructor")}}x{{/each}}',
      '{{lookup obj "__proto__"}}',
      '{{lookup obj "__defineGetter__"}}',
      '{{@root.constructor}}',
      '{{this.constructor.constructor "return process"}}',
      '{{#with "constructor"}}{{#with split as |a|}}{{pop (push "alert(1)")}}{{/with}}{{/with}}',
      '{{__deckhand_strict this (lookup this "x") "" 1}}',
      '{{__deckhand_out this}}',
    ];
    for (const template of TEMPLATES) {
      it(template, () => {
        const r = renderString(template, v);
        if (r.ok) {
          const text = JSON.stringify(r.value) ?? '';
          assert.ok(!/function|Object|\[native code\]|process/.test(text), text);
        } else {
          assert.ok(['UNDEFINED_VAR', 'TEMPLATE_HELPER'].includes(r.error.code), r.error.code);
        }
      });
    }
    it('Object.prototype is untouched after all that', () => {
      assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
      assert.equal(({} as Record<string, unknown>)['k'], undefined);
    });
  });

  describe('refused constructs', () => {
    const CASES: readonly (readonly [string, RegExp])[] = [
      ['{{> partial}}', /partials/],
      ['{{#> layout}}x{{/layout}}', /partial blocks/],
      ['{{* decorator}}', /decorators/],
      ['{{#* inline "p"}}x{{/inline}}', /decorator blocks/],
    ];
    for (const [template, message] of CASES) {
      it(template, () => {
        const e = err(renderString(template, COMMON));
        assert.equal(e.code, 'TEMPLATE_SYNTAX');
        assert.match(e.message, message);
      });
    }
  });

  describe('syntax errors', () => {
    const CASES: readonly (readonly [string, number])[] = [
      ['{{ x', 1],
      ['ok\n{{#if flag}}', 2],
      ['{{#if flag}}{{/each}}', 1],
      ['{{ x }}}', 1],
      ['{{}}', 1],
    ];
    for (const [template, line] of CASES) {
      it(JSON.stringify(template), () => {
        const e = err(renderString(template, COMMON));
        assert.equal(e.code, 'TEMPLATE_SYNTAX');
        assert.equal(e.line, line);
      });
    }
  });

  it('a Jinja filter gets a hint naming the helper', () => {
    const e = err(renderString("{{ packages | join(',') }}", COMMON));
    assert.equal(e.code, 'TEMPLATE_SYNTAX');
    assert.match(e.hint ?? '', /\{\{ join packages … \}\}/);
  });

  it('text without mustaches is byte-identical, whatever it holds', () => {
    const text = `a=b&c<'d'> "e" \`f\` \\ $HOME \u2028 \u{1F600} &amp; &#x3D; }}`;
    assert.equal(ok(renderString(text, COMMON)), text);
    assert.equal(ok(renderFile(text, COMMON, 'f')), text);
  });

  it('values are inserted without HTML escaping', () => {
    const v = vars({ q: `a=b&c<'d'>"e"\`` });
    assert.equal(ok(renderFile('x={{ q }}', v, 'f')), `x=a=b&c<'d'>"e"\``);
  });
});

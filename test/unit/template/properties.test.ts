import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderFile, renderString, renderValue } from '../../../engine/template/index.js';
import { COMMON, ok, vars } from './support.js';

/** Replay a failure with FC_SEED=<seed> (fast-check prints the seed and path). */
const SEED = Number(process.env['FC_SEED'] ?? 20260614);
// Far above normal (a few ms): catches runaway work such as exponential backtracking, not a busy machine.
const TIME_BOUND_MS = 2_000;
const CODES = new Set(['UNDEFINED_VAR', 'TEMPLATE_SYNTAX', 'TEMPLATE_HELPER', 'TEMPLATE_CYCLE']);

// Pieces that make handlebars-like text likely: most samples parse, many do not.
const TOKENS = [
  '{{', '}}', '{{{', '}}}', '{{#if ', '{{/if}}', '{{else}}', '{{#each ', '{{/each}}', '{{#with ', '{{/with}}', '{{^', '{{>', '{{!',
  '{{~', '~}}', '{{{{raw}}}}', '{{{{/raw}}}}', '(', ')', '"', "'", ' ', '\n', '\\', '.', '..', '/', '@root', '@index', '[', ']', '=',
  ' as |p|', 'this', 'x', 'name', 'packages', 'cfg', 'a.b.c', 'missing', 'constructor', '__proto__', 'lookup', 'default', 'join', 'quote',
  'to_json', 'to_yaml', 'first', 'hostvar', 'length', 'eq', 'and', 'not', 'b64decode', '__deckhand_strict', '__deckhand_out', '0', '-1',
  'true', 'null', 'undefined',
];
const templateText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }), { maxLength: 30 })
  .map((parts) => parts.join(''));

// Any Unicode, plus the characters that matter to handlebars, HTML escaping and JSON, lone
// surrogates and NUL included.
const plainText = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: fc.constantFrom('{', '}', '\\', '&', '<', '>', '"', "'", '=', '`', '\uD800', '\uDFFF', '\0', '\r\n', 'a'), maxLength: 100 }),
  )
  .filter((s) => !s.includes('{{'));

function timed<T>(run: () => T): T {
  const start = performance.now();
  const out = run();
  const ms = performance.now() - start;
  assert.ok(ms < TIME_BOUND_MS, `took ${ms.toFixed(1)} ms`);
  return out;
}

describe('template properties', () => {
  it('any template text renders to a value or a TemplateError, never a throw, within the time bound', () => {
    fc.assert(
      fc.property(templateText, (text) => {
        for (const r of [timed(() => renderString(text, COMMON)), timed(() => renderFile(text, COMMON, 'f'))]) {
          if (!r.ok) {
            assert.ok(CODES.has(r.error.code), r.error.code);
            assert.equal(typeof r.error.message, 'string');
            if (r.error.line !== undefined) assert.ok(Number.isInteger(r.error.line) && r.error.line >= 1);
          }
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('templated variables built from that text never make a render throw either', () => {
    fc.assert(
      fc.property(templateText, templateText, (a, b) => {
        const v = vars({ a, b, x: 1 });
        const r = timed(() => renderString('{{ a }}|{{ b }}', v));
        if (!r.ok) assert.ok(CODES.has(r.error.code));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('text without {{ is returned byte for byte', () => {
    fc.assert(
      fc.property(plainText, (s) => {
        assert.equal(ok(renderString(s, COMMON)), s);
        assert.equal(ok(renderFile(s, COMMON, 'f')), s);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('"{{ v }}" gives back any JSON value unchanged, type and all', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        assert.deepEqual(ok(renderString('{{ v }}', vars({}, { v: value }))), value);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('host data is never rendered again, whatever it holds', () => {
    fc.assert(
      fc.property(templateText, (text) => {
        const v = vars({ uses: '{{ data }}' }, { data: text, secret: 'S' });
        assert.equal(ok(renderString('{{ data }}', v)), text);
        assert.equal(ok(renderString('{{ uses }}', v)), text);
        assert.equal(ok(renderString('<{{ data }}>', v)), `<${text}>`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('renderValue never changes its input', () => {
    const withTemplates = fc.jsonValue({ maxDepth: 3 }).map((v) => ({ v, s: '{{ x }}', l: ['{{ name }}', v] }));
    fc.assert(
      fc.property(withTemplates, (input) => {
        const before = structuredClone(input);
        renderValue(input, COMMON);
        assert.deepEqual(input, before);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

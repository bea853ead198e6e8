import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { shellQuote } from '../../../engine/text/shell-quote.js';
import { renderString } from '../../../engine/template/index.js';
import { ok, vars } from './support.js';

/** Replay a failure with FC_SEED=<seed> (fast-check prints the seed and path). */
const SEED = Number(process.env['FC_SEED'] ?? 20260614);

function shellEcho(word: string): string {
  return execFileSync('/bin/sh', ['-c', `printf %s ${word}`], { encoding: 'utf8' });
}

const SPECIALS = ["'", '"', '\\', '$', '`', '\n', '\r', '\t', ' ', '!', '*', '?', '~', '#', ';', '&', '|', '(', ')', '<', '>', '{', '}', '[', ']', '%', '-', 'a', 'é', '✓'];

describe('template quote', () => {
  const CASES: readonly (readonly [string, string])[] = [
    ['', "''"],
    // Words that need no quotes stay bare, as Ansible's quote filter (shlex.quote) leaves them.
    ['abc', 'abc'],
    ["it's", `'it'"'"'s'`],
    ["''", `''"'"''"'"''`],
    ['a b', "'a b'"],
    ['$HOME', "'$HOME'"],
    ['`id`', "'`id`'"],
    ['line1\nline2', "'line1\nline2'"],
    ['back\\slash', "'back\\slash'"],
    ['-n', '-n'],
    ['', "''"],
  ];
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(shellQuote(input), expected));
  }

  for (const [input] of CASES) {
    it(`/bin/sh reads ${JSON.stringify(input)} back unchanged`, () => assert.equal(shellEcho(shellQuote(input)), input));
  }

  it('the quote helper agrees with shellQuote', () => {
    assert.equal(ok(renderString('{{quote s}}', vars({ s: "a'b\nc" }))), shellQuote("a'b\nc"));
  });

  it('property: /bin/sh reads any quoted string back unchanged', function () {
    this.timeout(60_000);
    const text = fc
      .oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...SPECIALS), maxLength: 40 }))
      .filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(text, (s) => {
        assert.equal(shellEcho(shellQuote(s)), s);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { shellJoin, shellQuote } from '../../../engine/text/shell-quote.js';

// Recorded so a failure replays; override with DECKHAND_FC_SEED=<n> to explore.
const SEED = Number(process.env['DECKHAND_FC_SEED'] ?? 20261125);
const RUNS = 200;

function printed(shell: string, word: string): Buffer {
  const r = spawnSync(shell, ['-c', `printf %s ${word}`]);
  return r.stdout;
}

describe('text/shell-quote', () => {
  const table: ReadonlyArray<readonly [string, string]> = [
    ['plain', 'plain'],
    ['/usr/bin/x-y_z.1', '/usr/bin/x-y_z.1'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", `'it'"'"'s'`],
    ['$HOME', "'$HOME'"],
    ['A=b', "'A=b'"],
    ['~', "'~'"],
    ['*', "'*'"],
  ];
  for (const [input, expected] of table) {
    it(`quotes ${JSON.stringify(input)} as ${expected}`, () => {
      assert.equal(shellQuote(input), expected);
    });
  }

  it('joins argv word by word', () => {
    assert.equal(shellJoin(['echo', 'a b', "c'd"]), `echo 'a b' 'c'"'"'d'`);
  });

  it('refuses NUL, which no shell argument can carry', () => {
    assert.throws(() => shellQuote('a\0b'), TypeError);
  });

  it('an injection attempt stays one literal argument', () => {
    const marker = `/tmp/deckhand-pwned-${process.pid}`;
    rmSync(marker, { force: true });
    const payload = `"; touch ${marker} #`;
    const r = spawnSync('/bin/sh', ['-c', shellJoin(['printf', '%s', payload])]);
    assert.equal(r.stdout.toString(), payload);
    const r2 = spawnSync('/bin/sh', ['-c', shellJoin(['echo', `'; touch ${marker}; '`, `$(touch ${marker})`, `\`touch ${marker}\``])]);
    assert.equal(r2.status, 0);
    assert.equal(existsSync(marker), false);
  });

  // Shell-special characters are weighted in; plain fc 'binary' strings rarely contain them.
  const special = fc.constantFrom(...`'"\\$\`!*?[]{}()<>|&;#~= \t\n\r-%^`.split(''));
  const text = fc.string({ unit: fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 })
    .filter((s) => !s.includes('\0'));
  for (const shell of ['/bin/sh', '/bin/bash']) {
    it(`${shell}: printf %s <quoted s> prints exactly s (fast-check, seed ${SEED}, ${RUNS} runs)`, () => {
      fc.assert(fc.property(text, (s) => {
        assert.deepEqual(printed(shell, shellQuote(s)), Buffer.from(s, 'utf8'));
      }), { seed: SEED, numRuns: RUNS });
    }).timeout(120_000); // one process per run: generous, so a busy machine does not fail it
  }
});

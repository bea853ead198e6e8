// The environment wrapper run for real, under every POSIX sh found here: values arrive byte for
// byte, the command's own stdin after the header is untouched, and the program's exit is its own.
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { ENV_SCRIPT, envHeader } from '../../../engine/connection/env-stdin.js';
import { AWKWARD_VALUES, awkwardEnv, parseReport, REPORT_PROGRAM } from './awkward-env.js';

const SEED = Number(process.env['DECKHAND_FC_SEED'] ?? 20261126);

const SHELLS: ReadonlyArray<readonly [string, readonly string[]]> = ([
  ['dash', ['/bin/dash']],
  ['bash', ['/bin/bash']],
  ['bash --posix', ['/bin/bash', '--posix']],
  ['busybox sh', ['/usr/bin/busybox', 'sh']],
] as const).filter(([, cmd]) => existsSync(cmd[0]));

// HOME without a .bashrc: bash reads it when its stdin is a socket, as node's pipes are.
const BASE_ENV = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent' };

function wrapped(shell: readonly string[], argv: readonly string[], input: Buffer, inherited: Record<string, string> = {}): SpawnSyncReturns<Buffer> {
  const [cmd = '', ...pre] = shell;
  return spawnSync(cmd, [...pre, '-c', ENV_SCRIPT, 'sh', ...argv], { input, env: { ...BASE_ENV, ...inherited }, maxBuffer: 64 * 1024 * 1024 });
}

function withEnv(env: Record<string, string>, stdin: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([envHeader(Object.entries(env)), stdin]);
}

describe('connection/env-stdin', () => {
  it('is written as COUNT, then NAME LINES and the value one line per line', () => {
    const table: ReadonlyArray<readonly [Record<string, string>, string]> = [
      [{ A: 'x' }, '1\nA 1\nx\n'],
      [{ A: '' }, '1\nA 1\n\n'],
      [{ A: 'a\nb', B: '\n' }, '2\nA 2\na\nb\nB 2\n\n\n'],
      [{ A: ' é ' }, '1\nA 1\n é \n'],
    ];
    for (const [env, header] of table) assert.equal(envHeader(Object.entries(env)).toString('utf8'), header);
  });

  it('refuses names that are not shell identifiers and values with NUL', () => {
    for (const env of [{ 'A B': '1' }, { '1A': '1' }, { '': '1' }, { 'A-B': '1' }, { A: 'x\0y' }]) {
      assert.throws(() => envHeader(Object.entries(env)), TypeError, JSON.stringify(env));
    }
  });

  for (const [label, shell] of SHELLS) {
    describe(`under ${label}`, () => {
      it('every awkward value arrives exactly', () => {
        const env = awkwardEnv();
        const r = wrapped(shell, REPORT_PROGRAM, withEnv(env));
        assert.equal(r.status, 0, r.stderr.toString());
        const got = parseReport(r.stdout).env;
        AWKWARD_VALUES.forEach(([what], i) => assert.equal(got[`V${i}`], env[`V${i}`], what));
        assert.equal(r.stderr.length, 0, 'the wrapper prints nothing');
      });

      it("names the wrapper uses itself get the caller's values, and its own never leak", () => {
        const env = { _dh_n: 'n', _dh_m: 'm', _dh_a: 'a', _dh_k: 'k', _dh_c: 'c', _dh_v: 'v', _dh_l: 'l', IFS: 'x' };
        const got = parseReport(wrapped(shell, REPORT_PROGRAM, withEnv({ ONE: '1' })).stdout).env;
        assert.deepEqual(Object.keys(got).filter((k) => k.startsWith('_dh_')), []);
        const all = parseReport(wrapped(shell, REPORT_PROGRAM, withEnv(env)).stdout).env;
        for (const [k, v] of Object.entries(env)) assert.equal(all[k], v, k);
      });

      it('keeps the inherited environment and overrides what it sets', () => {
        const got = parseReport(wrapped(shell, REPORT_PROGRAM, withEnv({ B: 'new' }), { A: 'kept', B: 'old' }).stdout).env;
        assert.equal(got['A'], 'kept');
        assert.equal(got['B'], 'new');
      });

      it("the command's own stdin after the header arrives byte for byte", () => {
        const data = Buffer.concat([Buffer.from('\n2\nA 1\nnot a header\n'), randomBytes(1024 * 1024)]);
        const r = wrapped(shell, ['cat'], withEnv({ A: 'x\ny', B: '' }, data));
        assert.equal(r.status, 0, r.stderr.toString());
        assert.ok(r.stdout.equals(data), 'cat printed exactly the bytes after the header');
      });

      it('argv reaches the program literally, a first word with = included', () => {
        const words = ['A=b', '$x', '', 'a b', '-e'];
        const r = wrapped(shell, [...REPORT_PROGRAM, ...words], withEnv({ A: '1' }));
        assert.deepEqual(parseReport(r.stdout).argv, words);
        const named = wrapped(shell, ['A=b'], withEnv({ A: '1' }));
        // 127: not found; 126: a PATH directory this user may not search. An assignment would give 0.
        assert.ok(named.status === 127 || named.status === 126, `run as a command name, not taken as an assignment (status ${named.status})`);
      });

      it("the exit status, a killing signal and the process itself are the program's own", () => {
        assert.equal(wrapped(shell, ['sh', '-c', 'exit 7'], withEnv({ A: '1' })).status, 7);
        const killed = wrapped(shell, ['sh', '-c', 'kill -9 $$'], withEnv({ A: '1' }));
        assert.equal(killed.signal, 'SIGKILL');
        // exec: the program replaced the wrapper and kept its pid.
        const r = wrapped(shell, ['sh', '-c', 'echo $$'], withEnv({ A: '1' }));
        assert.equal(r.stdout.toString().trim(), String(r.pid));
      });

      it('a cut-short or malformed header exits 125 with one line and never runs the program', () => {
        const bad = ['', '1\n', '1\nA 2\nx\n', 'x\n', '-1\n', '1\nA-B 1\nx\n', '1\nA 0\n\n', '1\nA\nx\n', '1\nA x\ny\n', '1\n$(id) 1\nx\n'];
        for (const input of bad) {
          const r = wrapped(shell, ['echo', 'ran'], Buffer.from(input));
          assert.equal(r.status, 125, JSON.stringify(input));
          assert.equal(r.stdout.toString(), '', JSON.stringify(input));
          assert.equal(r.stderr.toString(), 'deckhand: incomplete environment on stdin\n', JSON.stringify(input));
        }
      });

      it('arbitrary values without NUL round-trip (property)', () => {
        const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0') && !/\p{Cs}/u.test(s));
        fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
          const env = Object.fromEntries(values.map((v, i) => [`P${i}`, v]));
          const got = parseReport(wrapped(shell, REPORT_PROGRAM, withEnv(env)).stdout).env;
          values.forEach((v, i) => assert.equal(got[`P${i}`], v));
        }), { seed: SEED, numRuns: 25 });
      });
    });
  }
});

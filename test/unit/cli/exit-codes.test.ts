import { strict as assert } from 'node:assert';
import { EXIT, runExitCode } from '../../../engine/cli/exit-codes.js';
import type { RunOutcome } from '../../../engine/run/run-outcome.js';

const outcome = (over: Partial<RunOutcome>): RunOutcome => ({ stats: {}, interrupted: false, failed: [], unreachable: [], durationMs: 1, ...over });

describe('cli/exit-codes: a run\'s outcome', () => {
  const cases: { name: string; over: Partial<RunOutcome>; code: number }[] = [
    { name: 'every host succeeded', over: {}, code: EXIT.ok },
    { name: 'a host failed', over: { failed: ['a'] }, code: EXIT.hostFailed },
    { name: 'a host was unreachable', over: { unreachable: ['a'] }, code: EXIT.unreachable },
    { name: 'unreachable wins over failed', over: { failed: ['a'], unreachable: ['b'] }, code: EXIT.unreachable },
    { name: 'interrupted wins over everything', over: { interrupted: true, failed: ['a'], unreachable: ['b'] }, code: EXIT.interrupted },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}`, () => {
      assert.equal(runExitCode(outcome(c.over)), c.code);
    });
  }
});

import assert from 'node:assert/strict';
import type { LabContext, LabStep } from '../../../lab/vagrant/lab-context.js';
import { failed, passed } from '../../../lab/vagrant/lab-context.js';
import { labLayout } from '../../../lab/vagrant/lab-layout.js';
import { formatOutcome, formatSummary, runSteps } from '../../../lab/vagrant/step-runner.js';

function context(log: string[]): LabContext {
  return {
    root: '/nonexistent',
    layout: labLayout({}),
    provider: 'virtualbox',
    exec: async () => ({ ok: false, exitCode: 1, stdout: '', stderr: '', reason: 'not in this test' }),
    mqttRoundTrip: async () => ({ ok: false, step: 'connect', error: 'not in this test' }),
    httpStatus: async () => ({ ok: false, error: 'not in this test' }),
    log: (line) => log.push(line),
    timings: { settleMs: 0, pollIntervalMs: 0, probeMs: 0 },
    state: { sshConfig: [], inventoryVars: {} },
  };
}

const step = (name: string, gate: boolean, run: LabStep['run']): LabStep => ({ name, gate, run });

describe('step runner', () => {
  it('skips everything after a failed gate step, then runs the final steps', async () => {
    const ran: string[] = [];
    const mark = (name: string, ok = true): LabStep['run'] => async () => {
      ran.push(name);
      return ok ? passed() : failed({ node: 'worker1', message: 'broken' });
    };
    const outcomes = await runSteps(
      [step('a', true, mark('a')), step('b', false, mark('b', false)), step('c', true, mark('c', false)), step('d', false, mark('d'))],
      [step('final', false, mark('final'))],
      context([]),
    );
    assert.deepEqual(ran, ['a', 'b', 'c', 'final']);
    assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'failed', 'failed', 'skipped', 'ok']);
    assert.equal(outcomes[3]?.note, 'after c failed');
  });

  it('turns a step that throws into a failed step, not a crash', async () => {
    const outcomes = await runSteps([step('boom', true, async () => { throw new TypeError('x is undefined'); })], [], context([]));
    assert.equal(outcomes[0]?.status, 'failed');
    assert.match(outcomes[0]?.failures[0]?.message ?? '', /unexpected error: x is undefined/);
  });

  it('prints which step and which node failed, one detail per line', () => {
    const lines = formatOutcome({ name: 'nodes', status: 'failed', ms: 1234, failures: [{ node: 'worker2', message: 'not Ready\nsecond line' }, { message: 'no node' }] });
    assert.deepEqual(lines, ['FAIL nodes (1.2 s)', '       worker2: not Ready', '       second line', '       no node']);
    assert.deepEqual(formatOutcome({ name: 'up', status: 'ok', ms: 500, failures: [], note: 'fine' }), ['ok   up (0.5 s): fine']);
  });

  it('summarises every step with its first failure', () => {
    const lines = formatSummary([
      { name: 'up', status: 'ok', ms: 61_000, failures: [] },
      { name: 'mqtt', status: 'failed', ms: 2000, failures: [{ node: 'worker1', message: 'refused' }, { node: 'worker2', message: 'refused' }] },
      { name: 'idempotence', status: 'skipped', ms: 0, failures: [], note: 'after up failed' },
    ]);
    assert.deepEqual(lines, [
      'Vagrant lab: 1 ok, 1 failed, 1 skipped',
      '  ok      up            61.0 s',
      '  failed  mqtt           2.0 s  worker1: refused (+1 more)',
      '  skipped idempotence           after up failed',
    ]);
  });
});

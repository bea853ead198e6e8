import assert from 'node:assert/strict';
import { pollUntil, type Attempt } from '../../../lab/vagrant/poll.js';

/** A clock that only moves when the poller sleeps. */
function fakeClock() {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => { slept.push(ms); t += ms; }, slept };
}

describe('pollUntil', () => {
  it('returns at once when the first attempt passes', async () => {
    const clock = fakeClock();
    const result = await pollUntil(async () => ({ done: true }), { timeoutMs: 1000, intervalMs: 100, ...clock });
    assert.deepEqual(result, { ok: true, tries: 1 });
    assert.deepEqual(clock.slept, []);
  });

  it('retries until an attempt passes', async () => {
    const clock = fakeClock();
    let n = 0;
    const attempt = async (): Promise<Attempt<string>> => (++n < 4 ? { done: false, problems: [`try ${n}`] } : { done: true });
    assert.deepEqual(await pollUntil(attempt, { timeoutMs: 1000, intervalMs: 100, ...clock }), { ok: true, tries: 4 });
    assert.deepEqual(clock.slept, [100, 100, 100]);
  });

  it('gives up at the deadline with the last problems', async () => {
    const clock = fakeClock();
    let n = 0;
    const result = await pollUntil(async (): Promise<Attempt<string>> => ({ done: false, problems: [`try ${++n}`] }), { timeoutMs: 250, intervalMs: 100, ...clock });
    assert.deepEqual(result, { ok: false, tries: 3, problems: ['try 3'] });
    assert.ok(clock.now() <= 250);
  });
});

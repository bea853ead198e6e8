// Tests wait for a condition, never for a guessed duration: waitFor polls until the condition
// holds or a bounded deadline passes, and a timeout names what was awaited and what was seen last.
import { inspect } from 'node:util';

export interface WaitOptions<T> {
  /** The deadline: far above what the condition normally takes, so a loaded machine still passes. */
  readonly timeoutMs: number;
  /** Pause between observations (default 50 ms). */
  readonly intervalMs?: number;
  /** What is awaited, as the failure message should say it. */
  readonly what: string;
  /** When the observed value counts as done (default: truthy). */
  readonly until?: (value: T) => boolean;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Observes until `until(value)` holds and returns that value. An observation that throws counts
 * as "not yet" (a host that is still restarting); the error is reported if the deadline passes.
 */
export async function waitFor<T>(observe: () => T | Promise<T>, opts: WaitOptions<T>): Promise<T> {
  const interval = opts.intervalMs ?? 50;
  const done = opts.until ?? ((v: T): boolean => Boolean(v));
  const deadline = Date.now() + opts.timeoutMs;
  // Bounded in count as well as time, whatever the clock does.
  const maxAttempts = Math.ceil(opts.timeoutMs / Math.max(interval, 1)) + 2;
  let last: { value: T } | { error: unknown } | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      const value = await observe();
      last = { value };
      if (done(value)) return value;
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) break;
    await pause(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  const seen = last === undefined ? 'nothing' : 'value' in last ? inspect(last.value, { depth: 4 }) : `an error: ${String(last.error)}`;
  throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}; last observed: ${seen}`);
}

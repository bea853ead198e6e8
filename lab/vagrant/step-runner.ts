// Runs the lab's steps in order and says, for each, whether it passed, and if
// not which machine failed and why.
import { describeError } from '../../engine/verify/describe-error.js';
import type { LabContext, LabStep, StepFailure } from './lab-context.js';

export type StepStatus = 'ok' | 'failed' | 'skipped';

export interface StepOutcome {
  readonly name: string;
  readonly status: StepStatus;
  readonly ms: number;
  readonly failures: readonly StepFailure[];
  readonly note?: string;
}

export function failureLine(f: StepFailure): string {
  return f.node === undefined ? f.message : `${f.node}: ${f.message}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The lines printed when a step ends. */
export function formatOutcome(o: StepOutcome): string[] {
  if (o.status === 'skipped') return [`skip ${o.name}`];
  const head = `${o.status === 'ok' ? 'ok  ' : 'FAIL'} ${o.name} (${seconds(o.ms)})${o.note ? `: ${o.note}` : ''}`;
  const details = o.failures.flatMap((f) => failureLine(f).split('\n').map((l) => `       ${l}`));
  return [head, ...details];
}

export function formatSummary(outcomes: readonly StepOutcome[]): string[] {
  const count = (s: StepStatus): number => outcomes.filter((o) => o.status === s).length;
  const width = Math.max(...outcomes.map((o) => o.name.length), 4);
  const rows = outcomes.map((o) => {
    const first = o.failures[0];
    const why = first
      ? `${failureLine(first).split('\n')[0] ?? ''}${o.failures.length > 1 ? ` (+${o.failures.length - 1} more)` : ''}`
      : o.status === 'skipped' ? (o.note ?? '') : '';
    const time = o.status === 'skipped' ? '' : seconds(o.ms);
    return `  ${o.status.padEnd(7)} ${o.name.padEnd(width)} ${time.padStart(8)}  ${why}`.trimEnd();
  });
  return [`Vagrant lab: ${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped`, ...rows];
}

async function runOne(step: LabStep, ctx: LabContext): Promise<StepOutcome> {
  ctx.log(`--> ${step.name}`);
  const started = performance.now();
  let outcome: StepOutcome;
  try {
    const result = await step.run(ctx);
    const ms = performance.now() - started;
    outcome = result.ok
      ? { name: step.name, status: 'ok', ms, failures: [], ...(result.note !== undefined ? { note: result.note } : {}) }
      : { name: step.name, status: 'failed', ms, failures: result.failures };
  } catch (err) {
    // A throw is a bug in the step, but still a failed step, not a crash.
    outcome = { name: step.name, status: 'failed', ms: performance.now() - started, failures: [{ message: `unexpected error: ${describeError(err)}` }] };
  }
  for (const line of formatOutcome(outcome)) ctx.log(line);
  return outcome;
}

/** Runs `steps` (a failed gate skips the rest), then `always` whatever happened. */
export async function runSteps(steps: readonly LabStep[], always: readonly LabStep[], ctx: LabContext): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  let blockedBy: string | undefined;
  for (const step of steps) {
    if (blockedBy !== undefined) {
      outcomes.push({ name: step.name, status: 'skipped', ms: 0, failures: [], note: `after ${blockedBy} failed` });
      continue;
    }
    const outcome = await runOne(step, ctx);
    outcomes.push(outcome);
    if (outcome.status === 'failed' && step.gate) blockedBy = step.name;
  }
  for (const step of always) outcomes.push(await runOne(step, ctx));
  return outcomes;
}

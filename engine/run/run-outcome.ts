// What a finished run amounts to, as a value: the caller turns it into an exit code.
import type { HostStats } from '../report/events.js';
import type { RunContext } from './run-context.js';

export interface RunOutcome {
  /** Per-host counts, as the recap shows them. */
  readonly stats: Readonly<Record<string, HostStats>>;
  /** Cancellation was requested: the run stopped starting work and wound down. */
  readonly interrupted: boolean;
  /** Hosts that failed, including those any_errors_fatal or max_fail_percentage stopped. */
  readonly failed: readonly string[];
  readonly unreachable: readonly string[];
  /** From the start of the run to its last result, before connections were closed. */
  readonly durationMs: number;
}

export function runOutcome(run: RunContext, durationMs: number): RunOutcome {
  const states = [...run.hosts.values()];
  return {
    stats: run.recap.toJSON(),
    interrupted: run.cancel.requested,
    failed: states.filter((s) => s.failed).map((s) => s.name),
    unreachable: states.filter((s) => s.unreachable).map((s) => s.name),
    durationMs,
  };
}

// Per-play bookkeeping the linear strategy needs besides the hosts' own state.
import type { PlayPlan } from '../plan/plan.js';
import type { HostState, PlayContext, RunContext } from './run-context.js';

export class PlayRun {
  /** Hosts that ran meta: end_host, for this play only. */
  readonly ended = new Set<string>();
  /** Set by any_errors_fatal, max_fail_percentage, end_play or an interrupt. */
  stopped = false;

  constructor(
    readonly run: RunContext,
    readonly plan: PlayPlan,
    readonly ctx: PlayContext,
  ) {}

  state(host: string): HostState {
    const s = this.run.hosts.get(host);
    if (!s) throw new Error(`unknown host ${host}`);
    return s;
  }

  isActive(host: string): boolean {
    const s = this.state(host);
    return !s.failed && !s.unreachable && !this.ended.has(host);
  }

  active(hosts: readonly string[]): string[] {
    return this.stopped || this.run.cancel.requested ? [] : hosts.filter((h) => this.isActive(h));
  }
}

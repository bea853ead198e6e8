// Per-play bookkeeping the linear strategy needs besides the hosts' own state.
import type { PlayPlan } from '../plan/plan.js';
import type { HostState, PlayContext, RunContext } from './run-context.js';

export class PlayRun {
  /** Hosts that ran meta: end_host (or end_play), for this play only. */
  readonly ended = new Set<string>();
  /** No task starts any more in this play: end_play, a halt or an interrupt. */
  stopped = false;
  /** Why the run ends after this play (any_errors_fatal, max_fail_percentage). */
  halted: string | undefined;
  /** How many blocks with a rescue section the current task is inside (in their `block` part). */
  rescuable = 0;

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

  /** meta: end_play — the play ends for every host of the batch, without failing them. */
  endPlay(): void {
    for (const h of this.ctx.batch) this.ended.add(h);
    this.stopped = true;
  }

  /**
   * Ansible's "break the play": every host still running is marked failed (not counted in the
   * recap: it did not fail a task), no task or handler runs for them, and no later play starts.
   */
  halt(reason: string): void {
    if (this.halted !== undefined) return;
    for (const h of this.ctx.batch) if (this.isActive(h)) this.state(h).failed = true;
    this.halted = reason;
    this.stopped = true;
    this.run.bus.emit({ type: 'halted', reason });
  }
}

// What the engine tells the world. The engine emits these and never prints; reporters subscribe
// (Ansible's callback seam). Every field is already safe to show: no_log and secrets are
// censored before an event is built.
import type { FileDiff } from '../modules/types.js';

export type HostStatus = 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable';

/** One host's outcome of one task — the same shape for every status. */
export interface HostResult {
  readonly host: string;
  readonly status: HostStatus;
  readonly changed: boolean;
  readonly msg?: string;
  /** A failure that ignore_errors / ignore_unreachable turned into a pass. */
  readonly ignored?: boolean;
  readonly durationMs: number;
  /** Registered result (Ansible's shape): rc, stdout, stderr, results for loops, … */
  readonly data: Readonly<Record<string, unknown>>;
  readonly diff?: readonly FileDiff[];
  /** Per-item results of a loop, in order. */
  readonly items?: readonly ItemResult[];
  readonly delegatedTo?: string;
  /** check mode could not predict this module's change. */
  readonly unpredictable?: boolean;
}

export interface ItemResult {
  readonly label: string;
  readonly status: HostStatus;
  readonly changed: boolean;
  readonly msg?: string;
  readonly diff?: readonly FileDiff[];
}

export interface TaskInfo {
  readonly name: string;
  readonly role?: string;
  readonly module: string;
  readonly handler: boolean;
  readonly file: string;
  readonly line: number;
}

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export type RunEvent =
  | { readonly type: 'run_start'; readonly playbook: string; readonly check: boolean; readonly diff: boolean }
  | { readonly type: 'play_start'; readonly name: string; readonly hosts: readonly string[] }
  | { readonly type: 'task_start'; readonly task: TaskInfo; readonly hosts: readonly string[] }
  | { readonly type: 'host_result'; readonly task: TaskInfo; readonly result: HostResult }
  | { readonly type: 'host_rescued'; readonly host: string }
  | { readonly type: 'no_hosts'; readonly reason: string }
  | { readonly type: 'command'; readonly host: string; readonly argv: readonly string[] }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'interrupted'; readonly second: boolean; readonly graceMs: number }
  /** The run ends early: any_errors_fatal, max_fail_percentage, or a whole batch failed. */
  | { readonly type: 'halted'; readonly reason: string }
  | { readonly type: 'run_end'; readonly stats: Readonly<Record<string, HostStats>>; readonly exitCode: number; readonly durationMs: number };

export interface Reporter {
  on(event: RunEvent): void;
  /** Flushes files; called once at the end. */
  close?(): Promise<void>;
}

/** Anything that can scrub secrets out of a value before it is shown. */
export interface Scrubber {
  value(v: unknown): unknown;
}

export class EventBus {
  private readonly reporters: Reporter[] = [];
  /** Every event passes through the scrubber: the one gate between the engine and any output. */
  constructor(private readonly scrubber?: Scrubber) {}
  add(r: Reporter): void {
    this.reporters.push(r);
  }
  emit(e: RunEvent): void {
    const safe = this.scrubber ? (this.scrubber.value(e) as RunEvent) : e;
    for (const r of this.reporters) r.on(safe);
  }
  async close(): Promise<void> {
    for (const r of this.reporters) await r.close?.();
  }
}

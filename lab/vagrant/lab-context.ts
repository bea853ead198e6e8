// What every lab step gets: where the repository is, the lab's shape, and the
// ways to reach the outside world (processes, MQTT, HTTP), injectable so the
// step logic can be tested without machines.
import type { Exec } from './exec-argv.js';
import type { StatusOptions, StatusResult } from './http-status.js';
import type { Provider } from './lab-commands.js';
import type { LabLayout } from './lab-layout.js';
import type { RoundTripOptions, RoundTripResult } from '../../engine/verify/mqtt-roundtrip.js';
import type { SshConfigEntry } from './ssh-config.js';

export interface StepFailure {
  /** The machine the failure is about, when there is one. */
  readonly node?: string;
  readonly message: string;
}

export type StepResult = { readonly ok: true; readonly note?: string } | { readonly ok: false; readonly failures: readonly StepFailure[] };

export const passed = (note?: string): StepResult => (note === undefined ? { ok: true } : { ok: true, note });
export const failed = (...failures: StepFailure[]): StepResult => ({ ok: false, failures });

export interface LabTimings {
  /** How long nodes, pods and services may take to settle after the playbook. */
  readonly settleMs: number;
  readonly pollIntervalMs: number;
  /** One MQTT round trip or one HTTP request. */
  readonly probeMs: number;
}

export const DEFAULT_TIMINGS: LabTimings = { settleMs: 5 * 60_000, pollIntervalMs: 10_000, probeMs: 10_000 };

export interface LabContext {
  readonly root: string;
  readonly layout: LabLayout;
  readonly provider: Provider;
  readonly exec: Exec;
  readonly mqttRoundTrip: (opts: RoundTripOptions) => Promise<RoundTripResult>;
  readonly httpStatus: (opts: StatusOptions) => Promise<StatusResult>;
  readonly log: (line: string) => void;
  readonly timings: LabTimings;
  /** Filled in by earlier steps for later ones. */
  readonly state: { sshConfig: readonly SshConfigEntry[]; inventoryVars: Readonly<Record<string, unknown>> };
}

export interface LabStep {
  readonly name: string;
  /** A failed gate step skips every later step (except the final ones). */
  readonly gate: boolean;
  run(ctx: LabContext): Promise<StepResult>;
}

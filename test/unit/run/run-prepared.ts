// Prepares and executes a playbook in-process through the stages' own interfaces (no CLI): hosts
// on the local connection, events collected from the sink, cancellation in the test's hands.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareRun } from '../../../engine/prepare/prepare-run.js';
import type { HostResult, RunEvent } from '../../../engine/report/events.js';
import { Cancel } from '../../../engine/run/cancel.js';
import { executeRun } from '../../../engine/run/execute-run.js';
import type { RunOutcome } from '../../../engine/run/run-outcome.js';
import type { RunSettings } from '../../../engine/run/run-settings.js';

export interface PreparedRunOptions {
  /** Inventory hosts (default a), all with ansible_connection=local. */
  readonly hosts?: readonly string[];
  /** An inventory file's text instead of `hosts`. */
  readonly inventory?: string;
  readonly settings?: Partial<RunSettings>;
  readonly cancel?: Cancel;
  /** Sees each event as the run emits it. */
  readonly onEvent?: (e: RunEvent) => void;
}

export interface DirectRun {
  readonly dir: string;
  readonly outcome: RunOutcome;
  readonly events: readonly RunEvent[];
  readonly results: readonly { readonly task: string; readonly host: string; readonly status: HostResult['status']; readonly result: HostResult }[];
}

export const DEFAULT_SETTINGS: RunSettings = { forks: 5, check: false, diff: false, verbosity: 0, controller: {} };

export async function runPrepared(playbook: string, opts: PreparedRunOptions = {}): Promise<DirectRun> {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-direct-'));
  writeFileSync(join(dir, 'playbook.yml'), playbook);
  const local = opts.inventory === undefined;
  if (!local) writeFileSync(join(dir, 'inventory.yml'), opts.inventory ?? '');
  const prepared = await prepareRun({
    playbook: 'playbook.yml',
    inventories: local ? [`${(opts.hosts ?? ['a']).join(',')},`] : ['inventory.yml'],
    tags: { only: [], skip: [] },
    extraVars: local ? ['ansible_connection=local'] : [],
    cwd: dir,
    rolesPath: [],
    vaultPasswords: [],
  });
  if (!prepared.ok) throw new Error(prepared.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  const events: RunEvent[] = [];
  const outcome = await executeRun(prepared.run, { ...DEFAULT_SETTINGS, ...opts.settings }, {
    events: {
      on: (e) => {
        events.push(e);
        opts.onEvent?.(e);
      },
    },
    cancel: opts.cancel ?? new Cancel(),
  });
  const results = events.flatMap((e) => (e.type === 'host_result' ? [{ task: e.task.name, host: e.result.host, status: e.result.status, result: e.result }] : []));
  return { dir, outcome, events, results };
}

/** `task:host:status` for every result, in the order the run reported them. */
export function trace(r: DirectRun): string[] {
  return r.results.map((x) => `${x.task}:${x.host}:${x.status}`);
}

// Executes a prepared run: connections, plays in order, winding down when cancelled. Events go
// to the caller's sink through the redactor; the result is an outcome value. Signals, reporters
// and exit codes are the caller's (engine/cli/run-playbook.ts).
import pLimit from 'p-limit';
import { hostVarLayers } from '../inventory/index.js';
import { moduleLookup } from '../modules/lookup.js';
import type { PreparedRun } from '../prepare/prepared-run.js';
import { EventBus, type Reporter } from '../report/events.js';
import { Redactor } from '../text/redact.js';
import { Recap } from '../report/stats.js';
import type { Cancel } from './cancel.js';
import { ConnectionPool } from './connection-pool.js';
import { runPlay } from './play-runner.js';
import type { HostState, RunContext } from './run-context.js';
import { runOutcome, type RunOutcome } from './run-outcome.js';
import type { RunSettings } from './run-settings.js';
import { INTERRUPT_GRACE_MS } from './task-step.js';

/** Where a run's events go; they arrive already redacted. */
export type EventSink = Pick<Reporter, 'on'>;

export interface RunWiring {
  readonly events: EventSink;
  /** request() stops new work and winds the run down; abort() also kills running commands at once. */
  readonly cancel: Cancel;
}

/** Runs every play and closes every connection; resolves once all of that is done. */
export async function executeRun(prepared: PreparedRun, settings: RunSettings, wiring: RunWiring): Promise<RunOutcome> {
  const started = performance.now();
  const redactor = new Redactor(prepared.redactPatterns);
  for (const s of prepared.secrets) redactor.addSecret(s);
  // The one gate between the engine and any output: every event is scrubbed on its way out.
  const bus = new EventBus(redactor);
  bus.add(wiring.events);
  const { cancel } = wiring;
  const pool = new ConnectionPool(settings.verbosity >= 3 ? (host, argv) => bus.emit({ type: 'command', host, argv: argv.map((a) => redactor.text(a)) }) : undefined);
  const run: RunContext = {
    playbook: prepared.playbook,
    inventory: prepared.inventory,
    extraVars: prepared.extraVars,
    settings,
    tags: prepared.tags,
    hosts: hostStates(prepared),
    modules: moduleLookup(),
    pool,
    bus,
    recap: new Recap(),
    redactor,
    cancel,
    limit: pLimit(settings.forks),
  };
  // Subscribed before anything can sleep, so the notice comes before any effect of the request.
  const offRequest = cancel.onRequest(() => bus.emit({ type: 'interrupted', second: false, graceMs: INTERRUPT_GRACE_MS }));
  const offAbort = cancel.onAbort(() => {
    bus.emit({ type: 'interrupted', second: true, graceMs: INTERRUPT_GRACE_MS });
    // Local commands run in process groups of their own: kill them rather than orphan them.
    pool.abortAll();
  });
  try {
    bus.emit({ type: 'run_start', playbook: prepared.playbook.path, check: settings.check, diff: settings.diff });
    for (const play of prepared.plays) {
      if (cancel.requested) break;
      for (const h of play.hosts) run.recap.ensure(h);
      if ((await runPlay(run, play)) === 'halt') break;
    }
    return runOutcome(run, performance.now() - started);
  } finally {
    offRequest();
    offAbort();
    await pool.closeAll();
  }
}

function hostStates(prepared: PreparedRun): Map<string, HostState> {
  const m = new Map<string, HostState>();
  const names = new Set([...prepared.inventory.hosts.keys(), ...prepared.plays.flatMap((p) => p.hosts)]);
  for (const name of names) {
    m.set(name, { name, inventory: hostVarLayers(prepared.inventory, name), facts: {}, failed: false, unreachable: false, notified: new Set() });
  }
  return m;
}

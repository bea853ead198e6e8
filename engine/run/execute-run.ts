// Executes a prepared run: reporters, connections, plays in order, Ctrl-C, the exit code.
import { resolve } from 'node:path';
import pLimit from 'p-limit';
import { EXIT } from '../cli/exit-codes.js';
import type { CliIo } from '../cli/io.js';
import type { RunOptions } from '../cli/run-options.js';
import { hostVarLayers } from '../inventory/index.js';
import { moduleLookup } from '../modules/lookup.js';
import type { PreparedRun } from '../prepare/prepared-run.js';
import { ConsoleReporter } from '../report/console-reporter.js';
import { EventBus } from '../report/events.js';
import { JsonFileReporter, JsonLinesReporter } from '../report/json-report.js';
import { Redactor } from '../report/redact.js';
import { Recap } from '../report/stats.js';
import { Cancel } from './cancel.js';
import { ConnectionPool } from './connection-pool.js';
import { runPlay } from './play-runner.js';
import { INTERRUPT_GRACE_MS } from './task-step.js';
import type { HostState, RunContext } from './run-context.js';

export async function executeRun(prepared: PreparedRun, opts: RunOptions, io: CliIo): Promise<number> {
  const started = performance.now();
  const redactor = new Redactor();
  for (const s of prepared.secrets) redactor.addSecret(s);
  const bus = new EventBus(redactor);
  const streaming = opts.report === '-';
  const consoleOut = streaming ? io.err : io.out;
  bus.add(new ConsoleReporter({ write: (t) => consoleOut(t.replace(/\n$/, '')), color: io.isTty && !opts.noColor && !io.env['NO_COLOR'], live: io.isTty && !streaming, verbosity: opts.verbosity, diff: opts.diff }));
  if (streaming) bus.add(new JsonLinesReporter((l) => io.out(l.replace(/\n$/, ''))));
  else if (opts.report) bus.add(new JsonFileReporter(resolve(io.cwd, opts.report)));

  const cancel = new Cancel();
  const pool = new ConnectionPool(opts.verbosity >= 3 ? (host, argv) => bus.emit({ type: 'command', host, argv: argv.map((a) => redactor.text(a)) }) : undefined);
  const run: RunContext = {
    playbook: prepared.playbook,
    inventory: prepared.inventory,
    extraVars: prepared.extraVars,
    options: opts,
    env: io.env,
    hosts: hostStates(prepared),
    modules: moduleLookup(),
    pool,
    bus,
    recap: new Recap(),
    redactor,
    cancel,
    limit: pLimit(opts.forks),
  };
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    bus.emit({ type: 'interrupted', second: interrupts > 1, graceMs: INTERRUPT_GRACE_MS });
    if (interrupts > 1) {
      // Local commands run in process groups of their own: kill them rather than orphan them.
      pool.abortAll();
      process.exit(EXIT.interrupted);
    }
    cancel.request();
  };
  process.on('SIGINT', onSigint);
  let code: number = EXIT.error;
  try {
    bus.emit({ type: 'run_start', playbook: prepared.playbook.path, check: opts.check, diff: opts.diff });
    for (const play of prepared.plays) {
      if (cancel.requested) break;
      for (const h of play.hosts) run.recap.ensure(h);
      if ((await runPlay(run, play)) === 'halt') break;
    }
    code = exitCode(run);
    bus.emit({ type: 'run_end', stats: run.recap.toJSON(), exitCode: code, durationMs: performance.now() - started });
  } finally {
    process.off('SIGINT', onSigint);
    await pool.closeAll();
    // A report that cannot be written is the run's error, reported after the recap.
    const unwritten = await bus.close().then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    if (unwritten !== undefined) {
      io.err(`deckhand: ${unwritten}`);
      code = EXIT.error;
    }
  }
  return code;
}

function hostStates(prepared: PreparedRun): Map<string, HostState> {
  const m = new Map<string, HostState>();
  const names = new Set([...prepared.inventory.hosts.keys(), ...prepared.plays.flatMap((p) => p.hosts)]);
  for (const name of names) {
    m.set(name, { name, inventory: hostVarLayers(prepared.inventory, name), facts: {}, failed: false, unreachable: false, notified: new Set() });
  }
  return m;
}

function exitCode(run: RunContext): number {
  if (run.cancel.requested) return EXIT.interrupted;
  const states = [...run.hosts.values()];
  if (states.some((s) => s.unreachable)) return EXIT.unreachable;
  if (states.some((s) => s.failed)) return EXIT.hostFailed;
  return EXIT.ok;
}

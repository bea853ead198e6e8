// `deckhand run` past preparation: wires the reporters and Ctrl-C around the run, ends the event
// stream with the exit code, and writes the report. Loaded lazily: listing and --syntax-check
// never need it.
import type { PreparedRun } from '../prepare/prepared-run.js';
import { EventBus } from '../report/events.js';
import { Cancel } from '../run/cancel.js';
import { executeRun } from '../run/execute-run.js';
import { cancelOnCtrlC } from './ctrl-c.js';
import { EXIT, runExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { runReporters } from './reporters.js';
import type { RunOptions } from './run-options.js';
import { runSettings } from './stage-inputs.js';

export async function runPlaybook(prepared: PreparedRun, opts: RunOptions, io: CliIo): Promise<number> {
  const reporters = new EventBus();
  for (const r of runReporters(opts, io)) reporters.add(r);
  const cancel = new Cancel();
  const stopListening = cancelOnCtrlC(cancel);
  let code: number = EXIT.error;
  try {
    const outcome = await executeRun(prepared, runSettings(opts, io.env), { events: { on: (e) => reporters.emit(e) }, cancel }).finally(stopListening);
    code = runExitCode(outcome);
    reporters.emit({ type: 'run_end', stats: outcome.stats, exitCode: code, durationMs: outcome.durationMs });
  } finally {
    // A report that cannot be written is the run's error, reported after the recap.
    const unwritten = await reporters.close().then(
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

// `deckhand run`: parse options, prepare (load + validate + plan), then list, check or execute.
import { relative } from 'node:path';
import { formatDiagnostics } from '../errors/format.js';
import { EXIT } from './exit-codes.js';
import { RUN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { listHosts, listTags, listTasks } from './listing.js';
import { prepareRun } from './prepare-run.js';
import { parseRunOptions } from './run-options.js';

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseRunOptions(argv);
  if (!parsed.ok) {
    io.err(`deckhand run: ${parsed.message}\nTry 'deckhand run --help'.`);
    return EXIT.badOptions;
  }
  const opts = parsed.options;
  if (opts.help) {
    io.out(RUN_HELP);
    return EXIT.ok;
  }
  const prepared = await prepareRun(opts, io);
  if (!prepared.ok) {
    io.err(formatDiagnostics(prepared.diagnostics));
    return EXIT.invalidInput;
  }
  const { run } = prepared;
  const shown = relative(io.cwd, run.playbook.path) || run.playbook.path;
  if (opts.syntaxCheck) {
    io.out(`\nplaybook: ${shown}\n`);
    return EXIT.ok;
  }
  if (opts.listHosts || opts.listTasks || opts.listTags) {
    if (opts.listHosts) io.out(listHosts(shown, run.plays));
    if (opts.listTasks) io.out(listTasks(shown, run.plays.map((p) => p.plan)));
    if (opts.listTags) io.out(listTags(shown, run.plays.map((p) => p.plan)));
    return EXIT.ok;
  }
  const { executeRun } = await import('../run/execute-run.js');
  return executeRun(run, opts, io);
}

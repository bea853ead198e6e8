// `deckhand run`: parse options, prepare (load + validate + plan), then list, check or execute.
import { relative } from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import { formatDiagnostics } from '../errors/format.js';
import { formatWarning } from '../inventory/index.js';
import { prepareRun } from '../prepare/prepare-run.js';
import { EXIT } from './exit-codes.js';
import { RUN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { listHosts, listTags, listTasks } from './listing.js';
import { parseRunOptions } from './run-options.js';
import { prepareInput } from './stage-inputs.js';

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
  const input = await prepareInput(opts, io);
  if (!input.ok) return invalidInput(input.diagnostics, io);
  const prepared = await prepareRun(input.input);
  for (const w of prepared.warnings) io.err(formatWarning(w));
  if (!prepared.ok) return invalidInput(prepared.diagnostics, io);
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
  const { runPlaybook } = await import('./run-playbook.js');
  return runPlaybook(run, opts, io);
}

function invalidInput(diagnostics: readonly Diagnostic[], io: CliIo): number {
  io.err(formatDiagnostics(diagnostics));
  return EXIT.invalidInput;
}

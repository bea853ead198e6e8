// Which reporters a run gets: the console always (on stderr when --report - takes stdout), and
// the JSON file or the JSON lines stream that --report asks for.
import { resolve } from 'node:path';
import { ConsoleReporter } from '../report/console-reporter.js';
import type { Reporter } from '../report/events.js';
import { JsonFileReporter, JsonLinesReporter } from '../report/json-report.js';
import type { CliIo } from './io.js';
import type { RunOptions } from './run-options.js';

export function runReporters(opts: RunOptions, io: CliIo): Reporter[] {
  const streaming = opts.report === '-';
  const consoleOut = streaming ? io.err : io.out;
  const reporters: Reporter[] = [
    new ConsoleReporter({
      write: (t) => consoleOut(t.replace(/\n$/, '')),
      color: io.isTty && !opts.noColor && !io.env['NO_COLOR'],
      // The live line only on a terminal that carries nothing else.
      live: io.isTty && !streaming,
      verbosity: opts.verbosity,
      diff: opts.diff,
    }),
  ];
  if (streaming) reporters.push(new JsonLinesReporter((l) => io.out(l.replace(/\n$/, ''))));
  else if (opts.report) reporters.push(new JsonFileReporter(resolve(io.cwd, opts.report)));
  return reporters;
}

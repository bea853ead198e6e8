// `npm run bench`: runs the benchmark, prints the table and writes the results as JSON
// (bench/results/latest.json by default; the folder is not tracked).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from './bench.js';
import { parseOptions, UsageError } from './options.js';
import { renderText } from './results.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2), join(root, 'bench/results/latest.json'));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const help = e instanceof UsageError && msg.startsWith('usage:');
    (help ? process.stdout : process.stderr).write(`${msg}\n`);
    return help ? 0 : 5;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write('bench: the lab needs root (run as root)\n');
    return 5;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const results = await runBench(opts, log);
  await mkdir(dirname(opts.out), { recursive: true });
  await writeFile(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${renderText(results)}\n\nresults: ${opts.out}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);

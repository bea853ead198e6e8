// swapoff [-a] [-v] [FILE...] against the lab's swap state.
import { processIo, type Io } from './cli-args.js';
import { isMain } from './lab-env.js';
import { activeSwaps, swapOff } from './swap-state.js';

export function swapoff(argv: readonly string[], io: Io): number {
  const all = argv.includes('-a') || argv.includes('--all');
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  const names = argv.filter((a) => !a.startsWith('-'));
  if (!all && names.length === 0) {
    io.err('swapoff: bad usage\nTry \'swapoff --help\' for more information.\n');
    return 16;
  }
  let code = 0;
  const targets = all ? activeSwaps().map((s) => s.name) : names;
  for (const name of targets) {
    if (verbose) io.out(`swapoff ${name}\n`);
    if (!swapOff(name) && !all) {
      io.err(`swapoff: ${name}: swapoff failed: Invalid argument\n`);
      code = 4;
    }
  }
  return code;
}

if (isMain(import.meta.url)) {
  process.exitCode = swapoff(process.argv.slice(2), processIo);
}

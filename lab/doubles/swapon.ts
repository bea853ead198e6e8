// swapon: --show / -s / --noheadings to report, -a or FILE to activate.
import { processIo, type Io } from './cli-args.js';
import { isMain } from './lab-env.js';
import { activeSwaps, fstabSwaps, humanSize, swapOn } from './swap-state.js';

export function swapon(argv: readonly string[], io: Io): number {
  const noHeadings = argv.includes('--noheadings');
  const summary = argv.includes('-s') || argv.includes('--summary');
  const show = argv.some((a) => a === '--show' || a.startsWith('--show=')) || (noHeadings && !summary);
  const all = argv.includes('-a') || argv.includes('--all');
  const names = argv.filter((a) => !a.startsWith('-'));
  if (summary) {
    const rows = activeSwaps().map((s) => `${s.name.padEnd(40)}${s.type}\t\t${s.sizeKiB}\t\t0\t\t${s.priority}\n`);
    io.out(noHeadings ? rows.join('') : `Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n${rows.join('')}`);
    return 0;
  }
  if (show || (!all && names.length === 0)) {
    const swaps = activeSwaps();
    if (swaps.length === 0) return 0;
    const width = Math.max(4, ...swaps.map((s) => s.name.length));
    const rows = swaps.map((s) => `${s.name.padEnd(width)} ${s.type.padEnd(4)} ${humanSize(s.sizeKiB).padStart(4)}   0B ${String(s.priority).padStart(4)}\n`);
    io.out(noHeadings ? rows.join('') : `${'NAME'.padEnd(width)} TYPE SIZE USED PRIO\n${rows.join('')}`);
    return 0;
  }
  let code = 0;
  for (const name of all ? fstabSwaps() : names) {
    if (!swapOn(name) && !all) {
      io.err(`swapon: ${name}: swapon failed: Device or resource busy\n`);
      code = 4;
    }
  }
  return code;
}

if (isMain(import.meta.url)) {
  process.exitCode = swapon(process.argv.slice(2), processIo);
}

// journalctl -u UNIT [-n N]: the stand-in journal is each unit's output file.
import { flag, flagAll, parseArgs, processIo, UsageError, type Io } from './cli-args.js';
import { readText } from './fs-atomic.js';
import { isMain } from './lab-env.js';
import { logPath } from './systemd-state.js';
import { unitName } from './systemd-units.js';

const FLAGS = [
  { names: ['unit', 'u'] },
  { names: ['lines', 'n'] },
  { names: ['no-pager'], bool: true },
  { names: ['x', 'catalog'], bool: true },
  { names: ['e', 'pager-end'], bool: true },
  { names: ['b', 'boot'], bool: true },
  { names: ['quiet', 'q'], bool: true },
  { names: ['output', 'o'] },
];

export function journalctl(argv: readonly string[], io: Io): number {
  let args;
  try {
    args = parseArgs(argv.flatMap((a) => (/^-[xe]+[a-z]$/.test(a) ? [...a.slice(1)].map((c) => `-${c}`) : [a])), FLAGS);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`journalctl: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const units = flagAll(args, 'unit').map(unitName);
  if (units.length === 0) {
    io.err('journalctl: the lab journal keeps per-unit output only; use -u UNIT\n');
    return 1;
  }
  const limit = Number(flag(args, 'lines') ?? 'NaN');
  const lines = units.flatMap((unit) => (readText(logPath(unit)) ?? '').split('\n').filter((l) => l !== ''));
  const shown = Number.isFinite(limit) ? lines.slice(-limit) : lines;
  io.out(shown.length === 0 ? '-- No entries --\n' : `${shown.join('\n')}\n`);
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = journalctl(process.argv.slice(2), processIo);
}

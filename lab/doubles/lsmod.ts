// lsmod: the modules the lab's modprobe loaded, in /proc/modules' format.
import { processIo, type Io } from './cli-args.js';
import { isMain } from './lab-env.js';
import { describeLoaded } from './kernel-modules.js';

export function lsmod(io: Io): number {
  const rows = describeLoaded().map((mod) => {
    const users = mod.usedBy.length > 0 ? ` ${mod.usedBy.join(',')}` : '';
    return `${mod.name.padEnd(19)} ${String(mod.size).padStart(8)}  ${mod.usedBy.length}${users}`;
  });
  io.out(`Module                  Size  Used by\n${rows.map((r) => `${r}\n`).join('')}`);
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = lsmod(processIo);
}

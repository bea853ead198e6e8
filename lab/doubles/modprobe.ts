// modprobe: loads (records) a module and its dependencies; unknown modules
// fail exactly like the real tool.
import { processIo, type Io } from './cli-args.js';
import { isMain } from './lab-env.js';
import { canonical, isKnown, isLoaded, load, moduleDir, unload } from './kernel-modules.js';

export function modprobe(argv: readonly string[], io: Io): number {
  let remove = false;
  let quiet = false;
  let dryRun = false;
  let all = false;
  const names: string[] = [];
  for (const arg of argv) {
    if (arg === '-r' || arg === '--remove') remove = true;
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-n' || arg === '--dry-run' || arg === '--show') dryRun = true;
    else if (arg === '-a' || arg === '--all') all = true;
    else if (arg === '-v' || arg === '--verbose' || arg === '-b' || arg === '--use-blacklist') continue;
    else if (arg.startsWith('-')) {
      io.err(`modprobe: unrecognized option '${arg}'\n`);
      return 1;
    } else names.push(arg);
  }
  // Without -a, extra words are module parameters (modprobe foo opt=1).
  const modules = all || remove ? names : names.slice(0, 1);
  if (modules.length === 0) {
    io.err('modprobe: ERROR: missing parameters. See -h.\n');
    return 1;
  }
  for (const name of modules) {
    if (remove) {
      const result = unload(name);
      if (result === 'not-loaded') {
        if (!quiet) io.err(`modprobe: FATAL: Module ${canonical(name)} is not in kernel.\n`);
        return 1;
      }
      if (typeof result === 'object') {
        io.err(`modprobe: FATAL: Module ${canonical(name)} is in use.\n`);
        return 1;
      }
      continue;
    }
    if (!isKnown(name)) {
      if (!quiet) io.err(`modprobe: FATAL: Module ${name} not found in directory ${moduleDir()}\n`);
      return 1;
    }
    if (!dryRun && !isLoaded(name)) load(name);
  }
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = modprobe(process.argv.slice(2), processIo);
}

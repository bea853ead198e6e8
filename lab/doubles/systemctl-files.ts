// enable / disable / mask / is-enabled: unit file state is symlinks under
// /etc/systemd/system, exactly where systemctl puts them.
import { lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from './cli-args.js';
import { hostPath } from './lab-env.js';
import { findUnit } from './systemd-units.js';

const ETC = '/etc/systemd/system';

export type FileState = 'enabled' | 'disabled' | 'static' | 'masked' | 'not-found';

function isLink(path: string): boolean {
  try {
    return lstatSync(hostPath(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

function wantsLinks(unit: string): string[] {
  let entries: string[] = [];
  try {
    entries = readdirSync(hostPath(ETC));
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.wants') || entry.endsWith('.requires'))
    .map((dir) => join(ETC, dir, unit))
    .filter(isLink);
}

export function unitFileState(unit: string): FileState {
  const found = findUnit(unit);
  if (found.state === 'masked') return 'masked';
  if (found.state === 'not-found') return 'not-found';
  if (wantsLinks(unit).length > 0) return 'enabled';
  return found.def.wantedBy.length > 0 ? 'disabled' : 'static';
}

export function enableUnit(unit: string, io: Io): number {
  const found = findUnit(unit);
  if (found.state === 'not-found') {
    io.err(`Failed to enable unit: Unit file ${unit} does not exist.\n`);
    return 1;
  }
  if (found.state === 'masked') {
    io.err(`Failed to enable unit: Unit file ${found.path} is masked.\n`);
    return 1;
  }
  if (found.def.wantedBy.length === 0) {
    io.err(`The unit files have no installation config (WantedBy=, RequiredBy=, Also=,\nAlias= settings in the [Install] section, and DefaultInstance= for template\nunits). This means they are not meant to be enabled or disabled using systemctl.\n`);
    return 0;
  }
  for (const target of found.def.wantedBy) {
    const link = join(ETC, `${target}.wants`, unit);
    if (isLink(link)) continue;
    mkdirSync(hostPath(join(ETC, `${target}.wants`)), { recursive: true });
    symlinkSync(found.def.fragmentPath, hostPath(link));
    io.err(`Created symlink ${link} → ${found.def.fragmentPath}.\n`);
  }
  return 0;
}

export function disableUnit(unit: string, io: Io): number {
  if (findUnit(unit).state === 'not-found') {
    io.err(`Failed to disable unit: Unit file ${unit} does not exist.\n`);
    return 1;
  }
  for (const link of wantsLinks(unit)) {
    rmSync(hostPath(link), { force: true });
    io.err(`Removed "${link}".\n`);
  }
  return 0;
}

export function maskUnit(unit: string, io: Io): number {
  const link = join(ETC, unit);
  if (isLink(link)) return 0;
  mkdirSync(hostPath(ETC), { recursive: true });
  symlinkSync('/dev/null', hostPath(link));
  io.err(`Created symlink ${link} → /dev/null.\n`);
  return 0;
}

export function unmaskUnit(unit: string, io: Io): number {
  const link = join(ETC, unit);
  if (findUnit(unit).state !== 'masked') return 0;
  rmSync(hostPath(link), { force: true });
  io.err(`Removed "${link}".\n`);
  return 0;
}

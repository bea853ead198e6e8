// Pure readers of dpkg/apt output and the apt module's decision, kept apart from the module
// so they can be tested as tables.
import { fnmatch } from '../../text/fnmatch.js';

export interface PackageSpec {
  /** As written, e.g. kubelet=1.33.* */
  readonly spec: string;
  readonly name: string;
  /** A version or fnmatch pattern (`1.33.*`), as in Ansible's `name=pkg=1.33.*`. */
  readonly version?: string;
}

const NAME = /^[a-z0-9][a-z0-9+.-]*(?::[a-z0-9-]+)?$/;
const VERSION = /^[A-Za-z0-9.+~:*?[\]-]+$/;

export function parseSpec(spec: string): PackageSpec | { error: string } {
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  const version = eq < 0 ? undefined : spec.slice(eq + 1).trim();
  if (!NAME.test(name)) return { error: `invalid package name '${name}'` };
  if (version !== undefined && !VERSION.test(version)) return { error: `invalid version '${version}' for ${name}` };
  return { spec, name, ...(version === undefined ? {} : { version }) };
}

export interface Installed {
  readonly version: string;
  /** dpkg's selection: install, hold, deinstall, purge. */
  readonly want: string;
}

/** `dpkg-query -W -f='${Package}\t${Status}\t${Version}\n'` → installed packages by name. */
export function parseDpkgQuery(out: string): Map<string, Installed> {
  const map = new Map<string, Installed>();
  for (const line of out.split('\n')) {
    const [pkg, status, version] = line.split('\t');
    if (pkg === undefined || status === undefined || version === undefined) continue;
    const [want, , state] = status.split(' ');
    if (state === 'installed') map.set(pkg, { version, want: want ?? 'install' });
  }
  return map;
}

export function versionMatches(installed: string, wanted: string | undefined): boolean {
  return wanted === undefined || installed === wanted || fnmatch(installed, wanted);
}

/** Versions from `apt-cache madison NAME`, in apt's order (preferred first). */
export function parseMadison(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.split('|').map((f) => f.trim()))
    .filter((f) => f.length >= 3 && f[1] !== '')
    .map((f) => f[1] ?? '');
}

/** "2 upgraded, 1 newly installed, 0 to remove and 3 not upgraded." → counts. */
export function parseSummary(out: string): { upgraded: number; installed: number; removed: number } | undefined {
  const m = /(\d+) upgraded, (\d+) newly installed, (\d+) to remove/.exec(out);
  if (m === null) return undefined;
  return { upgraded: Number(m[1]), installed: Number(m[2]), removed: Number(m[3]) };
}

/** Package names from the `Inst`/`Remv` lines of `apt-get -s`. */
export function parseSimulation(out: string): { inst: string[]; remv: string[] } {
  const inst: string[] = [];
  const remv: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^(Inst|Remv) (\S+)/.exec(line);
    if (m?.[1] === 'Inst') inst.push(m[2] ?? '');
    else if (m?.[1] === 'Remv') remv.push(m[2] ?? '');
  }
  return { inst, remv };
}

export type AptState = 'present' | 'absent' | 'latest';

export interface AptDecision {
  readonly install: readonly PackageSpec[];
  readonly remove: readonly PackageSpec[];
  /** state=latest with everything installed: only apt can tell whether upgrades exist. */
  readonly needsUpgradeCheck: boolean;
}

export function decideApt(specs: readonly PackageSpec[], installed: ReadonlyMap<string, Installed>, state: AptState): AptDecision {
  const has = (s: PackageSpec): Installed | undefined => installed.get(s.name) ?? installed.get(s.name.split(':')[0] ?? '');
  if (state === 'absent') {
    return { install: [], remove: specs.filter((s) => { const i = has(s); return i !== undefined && versionMatches(i.version, s.version); }), needsUpgradeCheck: false };
  }
  const install = specs.filter((s) => { const i = has(s); return i === undefined || !versionMatches(i.version, s.version); });
  return { install, remove: [], needsUpgradeCheck: state === 'latest' && install.length < specs.length };
}

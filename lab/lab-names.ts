// Names and paths a lab uses on the machine. Everything is derived from the
// lab's name, so `lab down` can find what a crashed `lab up` left behind even
// without a state file.
import { createHash } from 'node:crypto';
import { isAbsolute, join, normalize } from 'node:path';
import { LabError } from './lab-error.js';

export const DEFAULT_LAB_NAME = 'lab';
export const DEFAULT_BASE_DIR = '/var/tmp/deckhand-lab';
/** Where the shared cluster state directory appears inside every host. */
export const CLUSTER_MOUNT = '/var/lib/deckhand-lab/cluster';

const LAB_NAME = /^[a-z][a-z0-9-]{0,31}$/;
// A host name is one DNS label: it becomes the host's hostname.
const HOST_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkLabName(name: string): string {
  if (!LAB_NAME.test(name)) {
    throw new LabError('USAGE', `lab name "${name}" must be 1-32 characters: a-z first, then a-z, 0-9 or "-"`);
  }
  return name;
}

export function checkHostNames(names: readonly string[]): readonly string[] {
  for (const name of names) {
    if (!HOST_NAME.test(name)) throw new LabError('USAGE', `host name "${name}" is not a valid hostname label`);
  }
  if (new Set(names).size !== names.length) throw new LabError('USAGE', 'host names must be unique');
  return names;
}

/** master, worker1, worker2, … */
export function defaultHostNames(count: number): readonly string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'master' : `worker${i}`));
}

/**
 * DECKHAND_LAB_DIR replaces the base directory; each lab is a folder in it.
 * Hosts hide this directory behind an empty tmpfs, so it must not be a
 * top-level system directory such as /var.
 */
export function baseDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['DECKHAND_LAB_DIR']?.trim();
  if (!fromEnv) return DEFAULT_BASE_DIR;
  const dir = normalize(fromEnv).replace(/\/+$/, '');
  if (!isAbsolute(dir) || dir.split('/').filter(Boolean).length < 2) {
    throw new LabError('USAGE', `DECKHAND_LAB_DIR must be an absolute path at least two levels deep (like ${DEFAULT_BASE_DIR}), not "${fromEnv}"`);
  }
  return dir;
}

export function stateDirFor(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(baseDir(env), checkLabName(name));
}

/** Network namespace names: dots cannot occur in lab names, so prefixes never collide. */
export function netnsPrefix(lab: string): string {
  return `dhlab.${lab}.`;
}

export function netnsName(lab: string, host: string): string {
  return `${netnsPrefix(lab)}${host}`;
}

// Interface names are capped at 15 bytes, so they carry a hash of the lab name.
function labTag(lab: string): string {
  return createHash('sha256').update(lab).digest('hex').slice(0, 6);
}

export function bridgeName(lab: string): string {
  return `dhb${labTag(lab)}`;
}

/** Machine-side end of host number `index`'s veth pair. */
export function vethPrefix(lab: string): string {
  return `dh${labTag(lab)}v`;
}

export function vethName(lab: string, index: number): string {
  return `${vethPrefix(lab)}${index}`;
}

export interface LabPaths {
  readonly stateDir: string;
  readonly stateFile: string;
  readonly inventory: string;
  readonly knownHosts: string;
  readonly privateKey: string;
  readonly publicKey: string;
  readonly layer: string;
  readonly repo: string;
  readonly cluster: string;
  readonly hostsDir: string;
  readonly repoServerLog: string;
  readonly repoServerReady: string;
}

export function labPaths(stateDir: string): LabPaths {
  return {
    stateDir,
    stateFile: join(stateDir, 'lab.json'),
    inventory: join(stateDir, 'inventory.yml'),
    knownHosts: join(stateDir, 'known_hosts'),
    privateKey: join(stateDir, 'id_ed25519'),
    publicKey: join(stateDir, 'id_ed25519.pub'),
    layer: join(stateDir, 'layer'),
    repo: join(stateDir, 'repo'),
    cluster: join(stateDir, 'cluster'),
    hostsDir: join(stateDir, 'hosts'),
    repoServerLog: join(stateDir, 'repo-server.log'),
    repoServerReady: join(stateDir, 'repo-server.json'),
  };
}

export interface HostPaths {
  readonly dir: string;
  readonly upper: string;
  readonly work: string;
  readonly root: string;
  readonly boot: string;
  readonly log: string;
}

export function hostPaths(stateDir: string, host: string): HostPaths {
  const dir = join(stateDir, 'hosts', host);
  return {
    dir,
    upper: join(dir, 'upper'),
    work: join(dir, 'work'),
    root: join(dir, 'root'),
    boot: join(dir, 'boot.sh'),
    log: join(dir, 'host.log'),
  };
}

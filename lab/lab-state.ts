// <stateDir>/lab.json: what `lab up` created, so `down` and `status` work
// from any process. Written atomically (temp file + rename).
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { baseDir, labPaths } from './lab-names.js';
import { isRecord } from './narrow.js';
import type { LabInfo, LabState } from './lab-types.js';

export async function writeLabState(state: LabState): Promise<void> {
  const file = labPaths(state.stateDir).stateFile;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
  await rename(temp, file);
}

export async function readLabState(stateDir: string): Promise<LabState | undefined> {
  let text: string;
  try {
    text = await readFile(labPaths(stateDir).stateFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isLabState(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Every lab with a readable state file under the base directory, by name. */
export async function listLabStates(env: NodeJS.ProcessEnv = process.env): Promise<readonly LabState[]> {
  const base = baseDir(env);
  let entries: string[];
  try {
    entries = await readdir(base);
  } catch {
    return [];
  }
  const states = await Promise.all(entries.filter((entry) => !entry.startsWith('.')).map((entry) => readLabState(join(base, entry))));
  return states.filter((state): state is LabState => state !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}

export function toLabInfo(state: LabState): LabInfo {
  return {
    name: state.name,
    stateDir: state.stateDir,
    inventoryPath: state.inventoryPath,
    knownHostsPath: state.knownHostsPath,
    privateKeyPath: state.privateKeyPath,
    gateway: state.gateway,
    subnet: state.subnet,
    repoUrl: state.repoUrl,
    hosts: state.hosts.map((host) => ({ name: host.name, address: host.address })),
  };
}

function isLabState(value: unknown): value is LabState {
  if (!isRecord(value) || value['version'] !== 1) return false;
  const strings = ['name', 'stateDir', 'inventoryPath', 'knownHostsPath', 'privateKeyPath', 'gateway', 'subnet', 'repoUrl', 'bridge'];
  if (!strings.every((key) => typeof value[key] === 'string')) return false;
  const hosts = value['hosts'];
  return Array.isArray(hosts) && hosts.every((host: unknown) => isRecord(host) && typeof host['name'] === 'string' && typeof host['address'] === 'string');
}

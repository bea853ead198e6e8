// One run of each tool on a prepared workload: deckhand, ansible-playbook (pipelined) and the
// floor. Each is a spawned process, measured by measure.ts; each reports how many tasks changed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { LabHost, LabInfo } from '../lab/lab.js';
import { measure, type Measured } from './measure.js';
import { parseRecap } from './recap.js';
import { floorSpec, inventoryYaml, playbookYaml, type Workload } from './workload.js';

export type Tool = 'deckhand' | 'ansible' | 'floor' | 'floor-linear';

export interface ToolRun {
  readonly wallS: number;
  readonly peakRssMb: number | undefined;
  readonly cpuS: number | undefined;
  readonly changed: number;
}

/** Files for one workload on one set of hosts, in a local work folder. */
export interface Prepared {
  readonly lab: LabInfo;
  readonly hosts: readonly LabHost[];
  readonly forks: number;
  readonly dir: string;
  readonly playbook: string;
  readonly inventory: string;
  readonly floorSpec: string;
  readonly cpuProfDir?: string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUN_TIMEOUT_MS = 20 * 60_000;

export interface PrepareInput {
  readonly lab: LabInfo;
  readonly hosts: readonly LabHost[];
  readonly forks: number;
  readonly dir: string;
  readonly cpuProfDir?: string | undefined;
}

export async function prepare(input: PrepareInput, w: Workload): Promise<Prepared> {
  const { lab, hosts, dir, cpuProfDir } = input;
  await mkdir(dir, { recursive: true });
  const files = { playbook: join(dir, 'playbook.yml'), inventory: join(dir, 'inventory.yml'), floorSpec: join(dir, 'floor.json') };
  const p: Prepared = { lab, hosts, forks: input.forks, dir, ...files, ...(cpuProfDir ? { cpuProfDir } : {}) };
  await writeFile(p.playbook, playbookYaml(w));
  await writeFile(p.inventory, inventoryYaml(lab, hosts));
  await writeFile(p.floorSpec, JSON.stringify(floorSpec(lab, hosts, w)));
  return p;
}

export function runTool(tool: Tool, p: Prepared, label: string): Promise<ToolRun> {
  if (tool === 'deckhand') return runDeckhand(p, label);
  if (tool === 'ansible') return runAnsible(p);
  return runFloor(p, tool === 'floor-linear');
}

async function runDeckhand(p: Prepared, label: string): Promise<ToolRun> {
  const report = join(p.dir, `report-${label}.json`);
  const m = await measure({
    command: process.execPath,
    args: [...(p.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${p.cpuProfDir}`] : []), join(root, 'bin/deckhand.js'), 'run', p.playbook, '-i', p.inventory, '-f', String(p.forks), '--report', report],
    timeoutMs: RUN_TIMEOUT_MS,
  });
  ensureOk('deckhand', m);
  const doc = JSON.parse(await readFile(report, 'utf8')) as { stats: Record<string, { changed?: number; failed?: number; unreachable?: number }> };
  return { wallS: m.wallS, peakRssMb: m.peakRssMb, cpuS: m.cpuS, changed: sumChanged(doc.stats) };
}

async function runAnsible(p: Prepared): Promise<ToolRun> {
  const m = await measure({
    command: 'ansible-playbook',
    args: ['-i', p.inventory, '-f', String(p.forks), p.playbook],
    env: ansibleEnv(p),
    timeoutMs: RUN_TIMEOUT_MS,
  });
  ensureOk('ansible-playbook', m);
  return { wallS: m.wallS, peakRssMb: m.peakRssMb, cpuS: m.cpuS, changed: sumChanged(parseRecap(m.stdout)) };
}

/** Ansible as a user who wants speed would run it: pipelining, persistent ssh masters. */
export function ansibleEnv(p: Prepared): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSIBLE_PIPELINING: 'True',
    ANSIBLE_HOST_KEY_CHECKING: 'True',
    ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${p.lab.knownHostsPath} -o StrictHostKeyChecking=yes -o ControlMaster=auto -o ControlPersist=60s`,
    // A private folder: another lab may reuse these addresses while old masters linger.
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(p.dir, 'cp'),
    ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_LOCAL_TEMP: join(p.dir, 'ansible-tmp'),
  };
}

async function runFloor(p: Prepared, linear: boolean): Promise<ToolRun> {
  const args = [join(root, 'dist/bench/floor-main.js'), p.floorSpec, ...(linear ? ['--linear'] : [])];
  const m = await measure({ command: process.execPath, args, timeoutMs: RUN_TIMEOUT_MS });
  ensureOk('floor', m);
  const r = JSON.parse(m.stdout) as { changed: number };
  return { wallS: m.wallS, peakRssMb: m.peakRssMb, cpuS: m.cpuS, changed: r.changed };
}

function ensureOk(what: string, m: Measured): void {
  if (m.exitCode === 0) return;
  const tail = (s: string): string => s.split('\n').slice(-25).join('\n');
  throw new Error(`${what} exited ${String(m.exitCode)}:\n${tail(m.stdout)}\n${tail(m.stderr)}`);
}

function sumChanged(stats: Record<string, { changed?: number; failed?: number; unreachable?: number }>): number {
  let changed = 0;
  for (const [host, s] of Object.entries(stats)) {
    if (s.failed || s.unreachable) throw new Error(`host ${host} failed or was unreachable: ${JSON.stringify(s)}`);
    changed += s.changed ?? 0;
  }
  return changed;
}

// Tools for breaking lab hosts on purpose and watching deckhand cope: find a host's sshd (PID 1
// of its PID namespace), take its link down, count its SSH sessions, run deckhand with
// timestamped events (in-process) or as a child process that must exit by itself.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { CliIo } from '../../../engine/cli/io.js';
import { main } from '../../../engine/cli/main.js';
import type { RunEvent } from '../../../engine/report/events.js';
import { netnsName } from '../../../lab/lab-names.js';
import type { LabInfo } from '../../../lab/lab-types.js';
import { waitFor } from '../../support/wait-for.js';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether `check` came to hold within `ms` (polled by test/support/wait-for.ts); for assert.ok with the test's own message. */
export async function cameTrue(check: () => boolean, ms: number): Promise<boolean> {
  return waitFor(check, { timeoutMs: ms, what: 'a condition' }).then(() => true, () => false);
}

export function nsOf(lab: LabInfo, host: string): string {
  return netnsName(lab.name, host);
}

/** Processes in the host's network namespace: pid, command name, and pid inside its PID namespace. */
export function hostProcesses(lab: LabInfo, host: string): { pid: number; comm: string; inner: number }[] {
  let out = '';
  try {
    out = execFileSync('ip', ['netns', 'pids', nsOf(lab, host)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out.split('\n').filter(Boolean).flatMap((p) => {
    try {
      const comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      const nspid = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1]?.trim().split(/\s+/) ?? [];
      return [{ pid: Number(p), comm, inner: Number(nspid.at(-1)) }];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/** The host's sshd: PID 1 of its PID namespace (its death ends every process of the host). */
export function sshdPid(lab: LabInfo, host: string): number {
  const p = hostProcesses(lab, host).find((x) => x.comm === 'sshd' && x.inner === 1);
  if (!p) throw new Error(`no sshd as PID 1 in ${nsOf(lab, host)}`);
  return p.pid;
}

export function isRunning(lab: LabInfo, host: string, comm: string): boolean {
  return hostProcesses(lab, host).some((p) => p.comm === comm);
}

/** Whether a process with exactly this argv runs on the host. */
export function isRunningArgv(lab: LabInfo, host: string, argv: readonly string[]): boolean {
  const want = `${argv.join('\0')}\0`;
  return hostProcesses(lab, host).some((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8') === want;
    } catch {
      return false;
    }
  });
}

export function linkDown(lab: LabInfo, host: string): void {
  execFileSync('ip', ['netns', 'exec', nsOf(lab, host), 'ip', 'link', 'set', 'eth0', 'down']);
}

export function linkUp(lab: LabInfo, host: string): void {
  execFileSync('ip', ['netns', 'exec', nsOf(lab, host), 'ip', 'link', 'set', 'eth0', 'up']);
}

/** Established TCP connections to the host's port 22, as `ss` sees them inside its namespace. */
export function sshSessions(lab: LabInfo, host: string): number {
  const out = execFileSync('ip', ['netns', 'exec', nsOf(lab, host), 'ss', '-Htn', 'state', 'established', '( sport = :22 )'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

/** A copy of the lab inventory with extra variables for some hosts; returns its path. */
export function inventoryWith(lab: LabInfo, file: string, perHost: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string {
  const doc = parse(readFileSync(lab.inventoryPath, 'utf8')) as unknown;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const rec = node as Record<string, unknown>;
    const hosts = rec['hosts'];
    if (hosts !== null && typeof hosts === 'object') {
      for (const [name, vars] of Object.entries(hosts as Record<string, unknown>)) {
        const extra = perHost[name];
        if (extra && vars !== null && typeof vars === 'object') Object.assign(vars, extra);
      }
    }
    for (const v of Object.values(rec)) visit(v);
  };
  visit(doc);
  const path = join(lab.stateDir, file);
  writeFileSync(path, stringify(doc));
  return path;
}

export interface TimedEvent {
  readonly at: number;
  readonly event: RunEvent;
}

export interface TimedRun {
  readonly code: number;
  readonly console: string;
  readonly events: readonly TimedEvent[];
}

/** Runs `deckhand run` in-process with `--report -`, stamping each event with Date.now(). */
export async function runTimed(playbook: string, inventory: string, extra: readonly string[] = []): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-fault-'));
  const pb = join(dir, 'playbook.yml');
  writeFileSync(pb, playbook);
  const events: TimedEvent[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => events.push({ at: Date.now(), event: JSON.parse(t) as RunEvent }),
    err: (t) => err.push(t),
    isTty: false,
    env: {},
    cwd: dir,
  };
  const code = await main(['run', pb, '-i', inventory, '--report', '-', ...extra], io);
  return { code, console: err.join('\n'), events };
}

export interface TimedResult {
  readonly task: string;
  readonly host: string;
  readonly status: string;
  readonly msg?: string;
  /** When the run reported it (a step reports once every host has finished). */
  readonly at: number;
  /** When this host finished: its task's start plus its own duration. */
  readonly doneAt: number;
  readonly durationMs: number;
}

export function resultsOf(run: TimedRun): TimedResult[] {
  let startedAt = 0;
  const out: TimedResult[] = [];
  for (const { at, event: e } of run.events) {
    if (e.type === 'task_start') startedAt = at;
    if (e.type !== 'host_result') continue;
    const r = e.result;
    out.push({ task: e.task.name, host: r.host, status: r.status, ...(r.msg !== undefined ? { msg: r.msg } : {}), at, doneAt: startedAt + r.durationMs, durationMs: r.durationMs });
  }
  return out;
}

const BIN = fileURLToPath(new URL('../../../../bin/deckhand.js', import.meta.url));

export interface Cli {
  readonly pid: number;
  readonly stdout: () => string;
  readonly stderr: () => string;
  signal(sig: NodeJS.Signals): void;
  /** Resolves when the process has exited by itself; rejects after `ms` (and kills it). */
  exited(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `node bin/deckhand.js ARGS` in `cwd`, collecting its output. */
export function spawnCli(args: readonly string[], cwd: string): Cli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  return {
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    signal: (sig) => child.kill(sig),
    exited: async (ms) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`deckhand did not exit within ${ms} ms\nstdout:\n${out}\nstderr:\n${err}`));
        }, ms);
      });
      try {
        return await Promise.race([done, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Counts of the event loop's active resources by type (timers, sockets, child processes). */
export function activeResources(): Record<string, number> {
  // (mocha re-arms its own test timer once the test function is under way; take baselines after an await)
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Types whose count is above the baseline's. */
export function leakedResources(baseline: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(activeResources())) if (n > (baseline[k] ?? 0)) out[k] = n - (baseline[k] ?? 0);
  return out;
}

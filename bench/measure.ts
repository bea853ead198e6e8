// Runs one program and measures it: wall time from spawn to exit, peak resident memory and CPU
// time. Peak RSS and CPU come from GNU time (`/usr/bin/time -f '%M %U %S'`, Debian package
// `time`), which reads the kernel's own accounting; without it, /proc/PID/status is polled every
// 20 ms for RSS and CPU time is not known. CPU seconds matter on a loaded machine: wall time
// there includes waiting for a core, CPU time does not.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  readonly wallS: number;
  /** MB (10^6 bytes); for a program that forks, GNU time reports its largest single process. */
  readonly peakRssMb: number | undefined;
  /** User + system CPU seconds of the program and the children it waited for. */
  readonly cpuS: number | undefined;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly timeoutMs: number;
}

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;
const KEEP_OUTPUT = 16 << 20;

export const rssMethod: 'gnu-time' | 'poll' = hasGnuTime() ? 'gnu-time' : 'poll';

/** The child running now, so an interrupted benchmark can stop it before tearing the lab down. */
let current: ChildProcess | undefined;
export function killCurrent(): void {
  if (current?.pid !== undefined) current.kill('SIGKILL');
}

let seq = 0;

export async function measure(spec: SpawnSpec): Promise<Measured> {
  const rssFile = join(tmpdir(), `deckhand-bench-rss-${process.pid}-${seq++}`);
  const [cmd, args] = rssMethod === 'gnu-time' ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, spec.command, ...spec.args]] : [spec.command, spec.args];
  const started = performance.now();
  const child = spawn(cmd, args, { env: spec.env ?? process.env, ...(spec.cwd ? { cwd: spec.cwd } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
  current = child;
  const out = collect(child.stdout);
  const err = collect(child.stderr);
  let polledKb = 0;
  const poll = rssMethod === 'poll' ? setInterval(() => void readRssKb(child.pid).then((kb) => (polledKb = Math.max(polledKb, kb))), POLL_MS) : undefined;
  const timer = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs);
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
    const wallS = (performance.now() - started) / 1000;
    await Promise.all([out.done, err.done]);
    const gnu = rssMethod === 'gnu-time' ? await readGnuTime(rssFile) : undefined;
    const kb = gnu?.kb ?? polledKb;
    return { wallS, peakRssMb: kb > 0 ? (kb * 1024) / 1e6 : undefined, cpuS: gnu?.cpuS, exitCode, stdout: out.text(), stderr: err.text() };
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
    current = undefined;
    await rm(rssFile, { force: true });
  }
}

function collect(stream: NodeJS.ReadableStream | null): { done: Promise<void>; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  const done = new Promise<void>((resolve) => {
    if (!stream) return resolve();
    stream.on('data', (c: Buffer) => {
      // Bounded memory; the workloads print far less than this.
      if (size + c.length <= KEEP_OUTPUT) chunks.push(c);
      size += c.length;
    });
    stream.on('end', resolve);
    stream.on('error', () => resolve());
  });
  return { done, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function readGnuTime(path: string): Promise<{ kb: number; cpuS: number | undefined }> {
  // GNU time writes "Command exited with non-zero status N" before the values when N != 0.
  const text = await readFile(path, 'utf8').catch(() => '');
  const [kb, user, sys] = (text.trim().split('\n').pop() ?? '').split(' ').map(Number);
  const cpu = (user ?? NaN) + (sys ?? NaN);
  return { kb: kb !== undefined && Number.isFinite(kb) ? kb : 0, cpuS: Number.isFinite(cpu) ? cpu : undefined };
}

async function readRssKb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return m?.[1] ? Number(m[1]) : 0;
}

function hasGnuTime(): boolean {
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

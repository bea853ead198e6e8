// Starts the repository server as a detached process that outlives
// `lab up`, and stops it again. A server is recognised by its command line
// (the script and the lab's state directory), never by a pid alone, because
// pids are reused.
import { spawn } from 'node:child_process';
import { open, readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sleep, signal } from './host-process.js';
import { LabError } from './lab-error.js';
import { labPaths } from './lab-names.js';
import { isRecord } from './narrow.js';

const SCRIPT = fileURLToPath(new URL('./repo-server.js', import.meta.url));

export interface RepoServerInput {
  readonly stateDir: string;
  readonly root: string;
  readonly address: string;
  readonly port: number;
  readonly deadlineMs?: number;
}

export interface RunningRepoServer {
  readonly pid: number;
  readonly port: number;
}

export async function startRepoServer(input: RepoServerInput): Promise<RunningRepoServer> {
  const paths = labPaths(input.stateDir);
  await rm(paths.repoServerReady, { force: true });
  const log = await open(paths.repoServerLog, 'a');
  let exited: string | undefined;
  try {
    const args = [SCRIPT, '--root', input.root, '--host', input.address, '--port', String(input.port), '--ready', paths.repoServerReady, '--state-dir', input.stateDir];
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log.fd, log.fd] });
    child.on('error', (error) => {
      exited = error.message;
    });
    child.on('exit', (code) => {
      exited = `exit ${String(code)}`;
    });
    child.unref();
  } finally {
    await log.close();
  }
  const deadline = Date.now() + (input.deadlineMs ?? 10_000);
  for (let attempt = 0; attempt < 1000 && Date.now() < deadline; attempt++) {
    const ready = await readReady(paths.repoServerReady);
    if (ready) return ready;
    if (exited !== undefined) break;
    await sleep(20);
  }
  const tail = await readFile(paths.repoServerLog, 'utf8').catch(() => '');
  throw new LabError('BOOT', `the repository server did not start (${exited ?? 'timed out'}): ${tail.trim().split('\n').slice(-3).join(' | ')}`);
}

async function readReady(file: string): Promise<RunningRepoServer | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isRecord(parsed) && typeof parsed['pid'] === 'number' && typeof parsed['port'] === 'number') {
      return { pid: parsed['pid'], port: parsed['port'] };
    }
  } catch {
    // Not written yet.
  }
  return undefined;
}

/** Pids of repository servers started for this state directory. */
export async function findRepoServers(stateDir: string): Promise<readonly number[]> {
  const entries = await readdir('/proc').catch(() => []);
  const found: number[] = [];
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const argv = await readCmdline(Number(entry));
        if (isRepoServerFor(argv, stateDir)) found.push(Number(entry));
      }),
  );
  return found;
}

export function isRepoServerFor(argv: readonly string[], stateDir: string): boolean {
  const at = argv.indexOf('--state-dir');
  return argv.some((arg) => arg.endsWith('/repo-server.js')) && at >= 0 && argv[at + 1] === stateDir;
}

async function readCmdline(pid: number): Promise<readonly string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    return [];
  }
}

/** SIGTERM, then SIGKILL after a grace period; true when none is left. */
export async function stopRepoServers(stateDir: string, graceMs = 2000): Promise<boolean> {
  let pids = await findRepoServers(stateDir);
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs + 3000;
  for (let round = 0; pids.length > 0 && Date.now() < deadline && round < 200; round++) {
    await sleep(25);
    pids = await findRepoServers(stateDir);
    if (Date.now() > deadline - 3000) for (const pid of pids) signal(pid, 'SIGKILL');
  }
  return pids.length === 0;
}

export async function repoServerRunning(stateDir: string): Promise<boolean> {
  return (await findRepoServers(stateDir)).length > 0;
}

// Starting and stopping a host's process tree. A host is one detached
// process: `ip netns exec` into its network namespace, `unshare` into fresh
// mount, UTS and PID namespaces, the boot script, and finally sshd as PID 1.
import { spawn } from 'node:child_process';
import { open, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hostPaths, netnsName } from './lab-names.js';

export interface StartedHost {
  readonly name: string;
  /** Set once the host's process tree has ended (it should not, while the lab is up). */
  exitStatus(): string | undefined;
}

export async function startHost(stateDir: string, lab: string, host: string): Promise<StartedHost> {
  const paths = hostPaths(stateDir, host);
  const log = await open(paths.log, 'a');
  let exited: string | undefined;
  try {
    const child = spawn(
      'ip',
      // --kill-child: if unshare is killed, the host's PID 1 goes with it.
      ['netns', 'exec', netnsName(lab, host), 'unshare', '--mount', '--uts', '--pid', '--fork', '--kill-child', '--propagation', 'private', '/bin/sh', paths.boot],
      { detached: true, stdio: ['ignore', log.fd, log.fd] },
    );
    child.on('error', (error) => {
      exited = error.message;
    });
    child.on('exit', (code, signal) => {
      exited = signal ? `killed by ${signal}` : `exit ${String(code)}`;
    });
    // The host outlives this process: `lab up` returns while hosts keep running.
    child.unref();
  } finally {
    await log.close();
  }
  return { name: host, exitStatus: () => exited };
}

/**
 * SIGKILLs every process in the lab's namespaces until none is left (sshd is
 * PID 1 of each host, so its death takes the host's daemons with it).
 * The `unshare` parents are spared at first: they reap their host's PID 1
 * and exit, which leaves no zombie for the machine's init to collect.
 * Returns the namespaces that still had processes when time ran out.
 */
export async function killNamespaceProcesses(namespaces: readonly string[], deadlineMs = 10_000): Promise<readonly string[]> {
  const started = Date.now();
  const deadline = started + deadlineMs;
  const inodes = await namespaceInodes(namespaces);
  let busy: readonly string[] = namespaces;
  for (let round = 0; busy.length > 0 && Date.now() < deadline && round < 400; round++) {
    const members = await processesIn(inodes);
    busy = [...new Set(members.map((member) => member.ns))];
    const spareParents = Date.now() - started < 1000;
    for (const member of members) {
      if (!spareParents || member.comm !== 'unshare') signal(member.pid, 'SIGKILL');
    }
    if (busy.length > 0) await sleep(25);
  }
  return busy;
}

/** Namespace inode → name, as `ip netns pids` matches them (one /proc scan for all). */
async function namespaceInodes(namespaces: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const found = new Map<string, string>();
  for (const ns of namespaces) {
    const info = await stat(join('/run/netns', ns)).catch(() => undefined);
    if (info) found.set(`net:[${info.ino}]`, ns);
  }
  return found;
}

interface Member {
  readonly pid: number;
  readonly ns: string;
  readonly comm: string;
}

async function processesIn(inodes: ReadonlyMap<string, string>): Promise<readonly Member[]> {
  if (inodes.size === 0) return [];
  const entries = await readdir('/proc').catch(() => []);
  const members = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry): Promise<Member | undefined> => {
        const link = await readlink(`/proc/${entry}/ns/net`).catch(() => '');
        const ns = inodes.get(link);
        if (ns === undefined) return undefined;
        const comm = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')).trim();
        return { pid: Number(entry), ns, comm };
      }),
  );
  return members.filter((member): member is Member => member !== undefined);
}

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

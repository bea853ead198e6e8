// ansible_connection=local: the same command line as over SSH, run by
// /bin/sh in a child process, so quoting, become, put and get behave alike.
import { spawn } from 'node:child_process';
import type { PreparedCommand } from './command-line.js';
import { connectionOver } from './connection-base.js';
import { ConnectionFailure } from './connection-failure.js';
import { exitStatus } from './exit-status.js';
import { driveOptions, driveProcess } from './process-driver.js';
import { EXIT_DRAIN_GRACE_MS, type RawRun, type RunOptions, type Runner } from './runner.js';
import type { Connection } from './types.js';

// After SIGTERM on timeout, how long before SIGKILL.
const KILL_GRACE_MS = 2000;

export function openLocal(host: string): Connection {
  let closed = false;
  const running = new Set<number>();
  const runner: Runner = {
    remoteTimeout: false,
    run(command, opts) {
      if (closed) return Promise.reject(new ConnectionFailure('unreachable', host, 'connection is closed'));
      return runLocal(command, opts, running);
    },
    close() {
      // Like a dropped SSH connection: commands still running are ended.
      closed = true;
      for (const pid of running) killGroup(pid, 'SIGKILL');
      return Promise.resolve();
    },
  };
  return connectionOver(host, runner);
}

function runLocal(command: PreparedCommand, opts: RunOptions, running: Set<number>): Promise<RawRun> {
  return new Promise((resolve) => {
    // Its own process group, so a timeout ends the whole command, not just sh.
    const child = spawn('/bin/sh', ['-c', command.line], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const out = driveProcess({ stdin: child.stdin, stdout: child.stdout, stderr: child.stderr }, driveOptions(command, opts));
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (opts.timeoutMs !== undefined) {
      timers.push(setTimeout(() => {
        timedOut = true;
        if (pid !== undefined) killGroup(pid, 'SIGTERM');
        timers.push(setTimeout(() => { if (pid !== undefined) killGroup(pid, 'SIGKILL'); }, KILL_GRACE_MS));
      }, opts.timeoutMs));
    }
    let finished = false;
    const finish = (code: number | null, signal: string | null, note?: string): void => {
      if (finished) return;
      finished = true;
      if (pid !== undefined) running.delete(pid);
      const grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, EXIT_DRAIN_GRACE_MS);
      void out.drained.then(() => {
        clearTimeout(grace);
        for (const t of timers) clearTimeout(t);
        if (note !== undefined) out.stderr.write(Buffer.from(`${note}\n`));
        // A spawn failure (no /bin/sh) reads as rc 127, as a shell reports a missing command.
        resolve({ status: exitStatus(code, signal) ?? { rc: 127 }, stdout: out.stdout, stderr: out.stderr, timedOut });
      });
    };
    child.once('exit', (code, signal) => finish(code, signal));
    child.once('error', (err) => finish(null, null, err.message));
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pid, signal); } catch { /* group already gone */ }
}

// One process per started unit: what systemd (PID 1) does for a service.
// Runs ExecStartPre, then ExecStart in the background with output to the
// unit's journal file, waits for readiness (Type=notify), restarts it as
// Restart= says, and stops it on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, rmSync } from 'node:fs';
import { exists } from './fs-atomic.js';
import { ENV, isMain, onRootRemoved } from './lab-env.js';
import { parseExecLine, serviceEnv } from './systemd-exec.js';
import { loadedDef, logPath, readyPath, saveLoadedDef, writeRuntime, type RuntimeState } from './systemd-state.js';
import { findUnit, type ServiceDef } from './systemd-units.js';

// Lab hosts restart crashed services quickly; the real RestartSec= values are seconds apart.
const MAX_RESTART_SEC = 2;
const STOP_TIMEOUT_MS = 5000;

class Supervisor {
  private child: ChildProcess | undefined;
  private stopping = false;
  private state: RuntimeState;

  constructor(private def: ServiceDef) {
    this.state = {
      supervisorPid: process.pid,
      mainPid: 0,
      activeState: 'activating',
      subState: 'start',
      result: 'success',
      execMainStatus: 0,
      nRestarts: 0,
      since: new Date().toISOString(),
    };
    this.save({});
  }

  async run(): Promise<void> {
    process.on('SIGTERM', () => void this.stop());
    process.on('SIGINT', () => void this.stop());
    const failure = await this.startOnce(true);
    if (failure) {
      this.save({ activeState: 'failed', subState: 'failed', result: 'exit-code', startFailed: failure, mainPid: 0 });
      process.exit(0);
    }
  }

  /** Returns a failure description when the start job fails. */
  private async startOnce(first: boolean): Promise<string | undefined> {
    if (!first) this.def = currentDef(this.def);
    let env: Record<string, string>;
    try {
      env = serviceEnv(this.def);
    } catch (error) {
      return (error as Error).message;
    }
    for (const line of this.def.execStartPre) {
      const pre = parseExecLine(line, env);
      const code = await runToEnd(pre.argv, env, this.def.name);
      if (code !== 0 && !pre.ignoreFailure) return `ExecStartPre exited with status ${code}`;
    }
    const main = parseExecLine(this.def.execStart[0] ?? '', env);
    const [command, ...args] = main.argv;
    if (command === undefined) return 'Service has no ExecStart= setting';
    const notify = this.def.type === 'notify';
    const ready = readyPath(this.def.name);
    rmSync(ready, { force: true });
    const log = openSync(logPath(this.def.name), 'a');
    const child = spawn(command, args, {
      env: notify ? { ...env, [ENV.notify]: ready } : env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    this.child = child;
    const spawned = await new Promise<boolean>((resolve) => {
      child.once('spawn', () => resolve(true));
      child.once('error', () => resolve(false));
    });
    if (!spawned) return `Failed to execute ${command}: No such file or directory`;
    this.save({ mainPid: child.pid ?? 0, activeState: notify ? 'activating' : 'active', subState: notify ? 'start' : 'running' });
    const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));

    if (notify) {
      // Ready when the daemon says so, failed when it dies first.
      let done = false;
      const readyOrExit = await Promise.race([
        exited.then((code) => ({ code })),
        (async () => {
          while (!done && !exists(ready)) await delay(25);
          return { code: undefined };
        })(),
      ]);
      done = true;
      if (readyOrExit.code !== undefined) {
        if (first) return `main process exited, status=${readyOrExit.code}`;
        return this.afterExit(readyOrExit.code);
      }
      this.save({ activeState: 'active', subState: 'running' });
    }
    void exited.then((code) => this.afterExit(code));
    return undefined;
  }

  private async afterExit(code: number): Promise<undefined> {
    if (this.stopping) return undefined;
    const restart = this.def.restart === 'always' || (this.def.restart === 'on-failure' && code !== 0);
    if (!restart) {
      this.save({ activeState: code === 0 ? 'inactive' : 'failed', subState: code === 0 ? 'dead' : 'failed', execMainStatus: code, result: code === 0 ? 'success' : 'exit-code', mainPid: 0 });
      process.exit(0);
    }
    this.save({ activeState: 'activating', subState: 'auto-restart', execMainStatus: code, result: code === 0 ? 'success' : 'exit-code', mainPid: 0 });
    await delay(Math.min(this.def.restartSec, MAX_RESTART_SEC) * 1000);
    if (this.stopping) return undefined;
    this.save({ nRestarts: this.state.nRestarts + 1 });
    const failure = await this.startOnce(false);
    if (failure) await this.afterExit(1);
    return undefined;
  }

  private async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.save({ activeState: 'deactivating', subState: 'stop-sigterm' });
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signal(child.pid, 'SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), delay(STOP_TIMEOUT_MS).then(() => true)]);
      if (timedOut) signal(child.pid, 'SIGKILL');
    }
    this.save({ activeState: 'inactive', subState: 'dead', mainPid: 0 });
    process.exit(0);
  }

  private save(patch: Partial<RuntimeState>): void {
    this.state = { ...this.state, ...patch };
    writeRuntime(this.def.name, this.state);
  }
}

/** The whole process group: a service's children (a broker under kubelet) stop with it. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  }
}

function runToEnd(argv: readonly string[], env: Record<string, string>, unit: string): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) return Promise.resolve(0);
  const log = openSync(logPath(unit), 'a');
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', log, log] });
    child.once('error', () => resolve(203));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** After a daemon-reload, an automatic restart uses the unit as it is now on disk. */
function currentDef(previous: ServiceDef): ServiceDef {
  const loaded = loadedDef(previous.name);
  if (loaded) return loaded;
  const found = findUnit(previous.name);
  if (found.state !== 'loaded') return previous;
  saveLoadedDef(found.def);
  return found.def;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (isMain(import.meta.url)) {
  const unit = process.argv[2] ?? '';
  const def = loadedDef(unit);
  if (!def) {
    process.stderr.write(`unit-supervisor: ${unit} is not loaded\n`);
    process.exit(1);
  }
  onRootRemoved(() => process.kill(process.pid, 'SIGTERM'));
  void new Supervisor(def).run();
}

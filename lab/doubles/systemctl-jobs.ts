// start / stop / restart / reload: the jobs systemctl asks systemd for.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from './cli-args.js';
import { sleepSync } from './fs-atomic.js';
import { codeDir } from './lab-env.js';
import { parseExecLine, serviceEnv } from './systemd-exec.js';
import { isAlive, loadedDef, logPath, readRuntime, saveLoadedDef, systemdDir } from './systemd-state.js';
import { findUnit, type ServiceDef } from './systemd-units.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 12_000;

export type Lookup = { ok: true; def: ServiceDef } | { ok: false; code: number };

/** The definition a job uses: what was loaded, with systemd's warning when the disk changed. */
export function loadForJob(unit: string, verb: string, io: Io): Lookup {
  const found = findUnit(unit);
  if (found.state === 'not-found') {
    io.err(`Failed to ${verb} ${unit}: Unit ${unit} not found.\n`);
    return { ok: false, code: 5 };
  }
  if (found.state === 'masked') {
    io.err(`Failed to ${verb} ${unit}: Unit ${unit} is masked.\n`);
    return { ok: false, code: 1 };
  }
  const loaded = loadedDef(unit);
  if (!loaded) {
    saveLoadedDef(found.def);
    return { ok: true, def: found.def };
  }
  warnIfChanged(loaded, found.def, io);
  return { ok: true, def: loaded };
}

export function warnIfChanged(loaded: ServiceDef, onDisk: ServiceDef, io: Io): void {
  if (loaded.digest !== onDisk.digest) {
    io.err(`Warning: The unit file, source configuration file or drop-ins of ${loaded.name} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`);
  }
}

export function startUnit(def: ServiceDef, io: Io): number {
  const unit = def.name;
  const before = readRuntime(unit);
  if (before.activeState === 'active' || before.activeState === 'activating') return 0;
  mkdirSync(systemdDir(), { recursive: true });
  const log = openSync(logPath(unit), 'a');
  const child = spawn(process.execPath, [join(codeDir(), 'unit-supervisor.js'), unit], {
    stdio: ['ignore', log, log],
    detached: true,
    env: process.env,
  });
  child.unref();
  const pid = child.pid ?? 0;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const state = readRuntime(unit);
    if (state.supervisorPid === pid) {
      if (state.startFailed) return jobFailed(unit, 'the control process exited with error code', io);
      if (state.activeState === 'active') return 0;
      // A simple service counts as started once its process exists, even if it dies next.
      if (state.activeState === 'activating' && state.subState === 'auto-restart') return 0;
      if (state.activeState === 'failed' || state.activeState === 'inactive') return def.type === 'notify' ? jobFailed(unit, 'the control process exited with error code', io) : 0;
    } else if (!isAlive(pid) && state.supervisorPid !== pid) {
      return jobFailed(unit, 'the control process exited with error code', io);
    }
    sleepSync(20);
  }
  return jobFailed(unit, 'a timeout was exceeded', io);
}

function jobFailed(unit: string, why: string, io: Io): number {
  io.err(`Job for ${unit} failed because ${why}.\nSee "systemctl status ${unit}" and "journalctl -xeu ${unit}" for details.\n`);
  return 1;
}

export function stopUnit(unit: string): number {
  const state = readRuntime(unit);
  if (!isAlive(state.supervisorPid)) return 0;
  try {
    process.kill(state.supervisorPid, 'SIGTERM');
  } catch {
    return 0;
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(state.supervisorPid) && Date.now() < deadline) sleepSync(20);
  if (isAlive(state.supervisorPid)) process.kill(state.supervisorPid, 'SIGKILL');
  return 0;
}

export function reloadUnit(def: ServiceDef, io: Io): number {
  const state = readRuntime(def.name);
  if (def.execReload.length === 0) {
    io.err(`Failed to reload ${def.name}: Job type reload is not applicable for unit ${def.name}.\n`);
    return 1;
  }
  if (state.activeState !== 'active') {
    io.err(`Failed to reload ${def.name}: Unit ${def.name} is not active.\n`);
    return 1;
  }
  const env = { ...serviceEnv(def), MAINPID: String(state.mainPid) };
  for (const line of def.execReload) {
    const exec = parseExecLine(line, env);
    const [command, ...args] = exec.argv;
    if (command === undefined) continue;
    const result = spawnSync(command, args, { env, stdio: 'ignore' });
    if (result.status !== 0 && !exec.ignoreFailure) return jobFailed(def.name, 'the control process exited with error code', io);
  }
  return 0;
}

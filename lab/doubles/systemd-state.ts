// What the systemd stand-in remembers about each unit: the definition it
// loaded (so an edited unit file needs a daemon-reload, as with systemd) and
// the runtime state its supervisor process reports.
import { rmSync } from 'node:fs';
import { exists, readJson, writeFileAtomic } from './fs-atomic.js';
import { labStatePath } from './lab-env.js';
import type { ServiceDef } from './systemd-units.js';

export type ActiveState = 'active' | 'activating' | 'deactivating' | 'inactive' | 'failed';

export interface RuntimeState {
  readonly supervisorPid: number;
  readonly mainPid: number;
  readonly activeState: ActiveState;
  readonly subState: string;
  readonly result: string;
  readonly execMainStatus: number;
  readonly nRestarts: number;
  readonly since: string;
  /** Set when the start job itself failed (pre-command or early exit of a notify unit). */
  readonly startFailed?: string;
}

const INACTIVE: RuntimeState = {
  supervisorPid: 0,
  mainPid: 0,
  activeState: 'inactive',
  subState: 'dead',
  result: 'success',
  execMainStatus: 0,
  nRestarts: 0,
  since: '',
};

export function systemdDir(...parts: string[]): string {
  return labStatePath('systemd', ...parts);
}

export function logPath(unit: string): string {
  return systemdDir(`${unit}.log`);
}

export function readyPath(unit: string): string {
  return systemdDir(`${unit}.ready`);
}

export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The unit's state; a supervisor that vanished (host restarted, killed) reads as stopped. */
export function readRuntime(unit: string): RuntimeState {
  const state = readJson<RuntimeState>(systemdDir(`${unit}.json`), INACTIVE);
  const running = state.activeState === 'active' || state.activeState === 'activating' || state.activeState === 'deactivating';
  if (running && !isAlive(state.supervisorPid)) {
    return { ...state, activeState: 'inactive', subState: 'dead', mainPid: 0, supervisorPid: 0 };
  }
  return state;
}

export function writeRuntime(unit: string, state: RuntimeState): void {
  writeFileAtomic(systemdDir(`${unit}.json`), `${JSON.stringify(state)}\n`);
}


/** The definition systemd has loaded for a unit, if any. */
export function loadedDef(unit: string): ServiceDef | undefined {
  const path = systemdDir('loaded', `${unit}.json`);
  return exists(path) ? readJson<ServiceDef | undefined>(path, undefined) : undefined;
}

export function saveLoadedDef(def: ServiceDef): void {
  writeFileAtomic(systemdDir('loaded', `${def.name}.json`), `${JSON.stringify(def)}\n`);
}

/** daemon-reload: forget every loaded definition; each is re-read on next use. */
export function forgetLoadedDefs(): void {
  rmSync(systemdDir('loaded'), { recursive: true, force: true });
}

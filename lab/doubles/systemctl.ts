// A systemctl for hosts without systemd: same verbs, output and exit codes
// for what roles use (start/stop/restart/reload, enable/disable, is-active,
// is-enabled, show -p, status, daemon-reload), backed by unit-supervisor.
import { readFileSync } from 'node:fs';
import { flagAll, flagBool, parseArgs, processIo, UsageError, type Io } from './cli-args.js';
import { hostPath, isMain } from './lab-env.js';
import { systemdTime } from './klog.js';
import { disableUnit, enableUnit, maskUnit, unitFileState, unmaskUnit } from './systemctl-files.js';
import { loadForJob, reloadUnit, startUnit, stopUnit, warnIfChanged } from './systemctl-jobs.js';
import { forgetLoadedDefs, loadedDef, readRuntime, type RuntimeState } from './systemd-state.js';
import { findUnit, unitName } from './systemd-units.js';

const FLAGS = [
  { names: ['quiet', 'q'], bool: true },
  { names: ['now'], bool: true },
  { names: ['no-pager'], bool: true },
  { names: ['no-block'], bool: true },
  { names: ['system'], bool: true },
  { names: ['full', 'l'], bool: true },
  { names: ['value'], bool: true },
  { names: ['force', 'f'], bool: true },
  { names: ['property', 'p'] },
  { names: ['type', 't'] },
  { names: ['lines', 'n'] },
];

export function systemctl(argv: readonly string[], io: Io): number {
  let args;
  try {
    args = parseArgs(argv, FLAGS);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`systemctl: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const [verb, ...rest] = args.positional;
  const units = rest.map(unitName);
  const quiet = flagBool(args, 'quiet');
  const now = flagBool(args, 'now');
  const each = (fn: (unit: string) => number): number => units.reduce((code, unit) => Math.max(code, fn(unit)), 0);
  const job = (verbName: string, fn: (unit: string) => number): number => {
    if (units.length === 0) {
      io.err(`Too few arguments.\n`);
      return 1;
    }
    return each((unit) => {
      const loaded = loadForJob(unit, verbName, io);
      return loaded.ok ? fn(unit) : loaded.code;
    });
  };
  const start = (unit: string): number => {
    const loaded = loadForJob(unit, 'start', io);
    return loaded.ok ? startUnit(loaded.def, io) : loaded.code;
  };

  switch (verb) {
    case 'start':
      return job('start', start);
    case 'stop':
      return job('stop', stopUnit);
    case 'restart':
      return job('restart', (unit) => (stopUnit(unit), start(unit)));
    case 'try-restart':
      return job('try-restart', (unit) => (isActive(readRuntime(unit)) ? (stopUnit(unit), start(unit)) : 0));
    case 'reload':
      return job('reload', (unit) => {
        const loaded = loadForJob(unit, 'reload', io);
        return loaded.ok ? reloadUnit(loaded.def, io) : loaded.code;
      });
    case 'reload-or-restart':
      return job('reload-or-restart', (unit) => {
        const loaded = loadForJob(unit, 'reload', io);
        if (!loaded.ok) return loaded.code;
        if (loaded.def.execReload.length > 0 && isActive(readRuntime(unit))) return reloadUnit(loaded.def, io);
        stopUnit(unit);
        return start(unit);
      });
    case 'enable':
      return each((unit) => Math.max(enableUnit(unit, io), now ? start(unit) : 0));
    case 'disable':
      return each((unit) => Math.max(disableUnit(unit, io), now ? stopUnit(unit) : 0));
    case 'mask':
      return each((unit) => maskUnit(unit, io));
    case 'unmask':
      return each((unit) => unmaskUnit(unit, io));
    case 'daemon-reload':
      forgetLoadedDefs();
      return 0;
    case 'is-active':
      return query(units, (unit) => readRuntime(unit).activeState, (s) => s === 'active', quiet, io);
    case 'is-failed':
      return query(units, (unit) => readRuntime(unit).activeState, (s) => s === 'failed', quiet, io);
    case 'is-enabled':
      return isEnabled(units, quiet, io);
    case 'show':
      return show(units, flagAll(args, 'property').flatMap((p) => p.split(',')), flagBool(args, 'value'), io);
    case 'status':
      return each((unit) => status(unit, io));
    case 'cat':
      return each((unit) => cat(unit, io));
    default:
      io.err(verb === undefined ? 'systemctl: a verb is required\n' : `Unknown command verb '${verb}'.\n`);
      return 1;
  }
}

function isActive(state: RuntimeState): boolean {
  return state.activeState === 'active' || state.activeState === 'activating';
}

function query(units: string[], get: (unit: string) => string, good: (s: string) => boolean, quiet: boolean, io: Io): number {
  let allGood = units.length > 0;
  for (const unit of units) {
    const value = get(unit);
    if (!quiet) io.out(`${value}\n`);
    allGood &&= good(value);
  }
  return allGood ? 0 : 3;
}

function isEnabled(units: string[], quiet: boolean, io: Io): number {
  let code = 0;
  for (const unit of units) {
    const state = unitFileState(unit);
    if (state === 'not-found') {
      io.err(`Failed to get unit file state for ${unit}: No such file or directory\n`);
      code = 1;
      continue;
    }
    if (!quiet) io.out(`${state}\n`);
    if (state !== 'enabled' && state !== 'static') code = 1;
  }
  return code;
}

function properties(unit: string): Record<string, string> {
  const found = findUnit(unit);
  const def = found.state === 'loaded' ? loadedDef(unit) ?? found.def : undefined;
  const state = readRuntime(unit);
  const fileState = unitFileState(unit);
  return {
    Id: unit,
    Names: unit,
    Description: def?.description ?? unit,
    LoadState: found.state === 'loaded' ? 'loaded' : found.state,
    ActiveState: state.activeState,
    SubState: state.subState,
    UnitFileState: fileState === 'not-found' ? '' : fileState,
    FragmentPath: def?.fragmentPath ?? '',
    DropInPaths: def?.dropIns.join(' ') ?? '',
    Type: def?.type ?? 'simple',
    Restart: def?.restart ?? 'no',
    MainPID: String(state.mainPid),
    ExecMainPID: String(state.mainPid),
    ExecMainStatus: String(state.execMainStatus),
    Result: state.result,
    NRestarts: String(state.nRestarts),
    NeedDaemonReload: found.state === 'loaded' && def && def.digest !== found.def.digest ? 'yes' : 'no',
    ActiveEnterTimestamp: state.since ? systemdTime(state.since) : '',
  };
}

function show(units: string[], props: string[], valueOnly: boolean, io: Io): number {
  const blocks = units.map((unit) => {
    const all = properties(unit);
    const keys = props.length > 0 ? props : Object.keys(all);
    return keys.map((key) => (valueOnly ? `${all[key] ?? ''}\n` : `${key}=${all[key] ?? ''}\n`)).join('');
  });
  io.out(blocks.join('\n'));
  return 0;
}

function status(unit: string, io: Io): number {
  const found = findUnit(unit);
  if (found.state === 'not-found') {
    io.err(`Unit ${unit} could not be found.\n`);
    return 4;
  }
  const p = properties(unit);
  const state = readRuntime(unit);
  const def = found.state === 'loaded' ? loadedDef(unit) ?? found.def : undefined;
  if (def && found.state === 'loaded') warnIfChanged(def, found.def, io);
  const bullet = state.activeState === 'active' ? '●' : state.activeState === 'failed' ? '×' : '○';
  const ago = state.since ? Math.max(0, Math.round((Date.now() - Date.parse(state.since)) / 1000)) : 0;
  const since = state.since ? ` since ${systemdTime(state.since)}; ${ago}s ago` : '';
  const lines = [`${bullet} ${unit} - ${p.Description}`];
  lines.push(found.state === 'masked' ? `     Loaded: masked (Reason: Unit ${unit} is masked.)` : `     Loaded: loaded (${p.FragmentPath}; ${p.UnitFileState}; preset: enabled)`);
  if (def && def.dropIns.length > 0) lines.push(`    Drop-In: ${def.dropIns.map((d) => d.replace(/\/[^/]+$/, '')).filter((d, i, a) => a.indexOf(d) === i).join(', ')}`, ...def.dropIns.map((d) => `             └─${d.replace(/^.*\//, '')}`));
  lines.push(`     Active: ${state.activeState} (${state.subState})${state.activeState === 'inactive' ? '' : since}`);
  if (def?.documentation) lines.push(`       Docs: ${def.documentation}`);
  if (state.mainPid > 0) lines.push(`   Main PID: ${state.mainPid}`);
  io.out(`${lines.join('\n')}\n`);
  return state.activeState === 'active' ? 0 : 3;
}

function cat(unit: string, io: Io): number {
  const found = findUnit(unit);
  if (found.state !== 'loaded') {
    io.err(`No files found for ${unit}.\n`);
    return 1;
  }
  for (const file of [found.def.fragmentPath, ...found.def.dropIns]) {
    io.out(`# ${file}\n${readFileSync(hostPath(file), 'utf8')}\n`);
  }
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = systemctl(process.argv.slice(2), processIo);
}

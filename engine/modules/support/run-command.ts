// What command, shell and raw share: the creates/removes guards and a result shaped like Ansible's.
import type { CheckOutcome, ModuleContext, ModuleResult } from '../types.js';
import { outputData } from './command-result.js';
import { firstError, run, runScript } from './host.js';
import { unchanged } from './outcome.js';

export interface Guards {
  readonly creates?: string | undefined;
  readonly removes?: string | undefined;
  readonly chdir?: string | undefined;
}

// Globs are expanded by the shell (IFS empty so a path with spaces stays one pattern).
const GUARD_SCRIPT = `IFS=
exists() { [ -z "$1" ] && return 2; for f in $1; do [ -e "$f" ] || [ -L "$f" ] && return 0; done; return 1; }
exists "$1"; c=$?; exists "$2"; r=$?; echo "$c $r"`;

/**
 * Decides whether the command runs: not when `creates` matches an existing path, nor when
 * `removes` matches nothing. Asks the host only when a guard is given.
 */
export async function checkGuards<P>(ctx: ModuleContext, g: Guards, plan: P): Promise<CheckOutcome<P>> {
  const wouldRun: CheckOutcome<P> = { changed: true, plan, ...(ctx.check ? { msg: 'Command would have run if not in check mode' } : {}) };
  if (g.creates === undefined && g.removes === undefined) return wouldRun;
  const res = await runScript(ctx, GUARD_SCRIPT, [g.creates ?? '', g.removes ?? ''], g.chdir === undefined ? {} : { cwd: g.chdir });
  const [c, r] = res.stdout.trim().split(' ');
  if (res.rc !== 0 || c === undefined || r === undefined) {
    return { changed: false, final: { changed: false, failed: true, msg: `cannot check creates/removes: ${firstError(res)}` } };
  }
  if (g.creates !== undefined && c === '0') {
    return unchanged({ rc: 0, stdout: `skipped, since ${g.creates} exists`, stdout_lines: [`skipped, since ${g.creates} exists`], stderr: '', stderr_lines: [] }, `Did not run command since '${g.creates}' exists`);
  }
  if (g.removes !== undefined && r !== '0') {
    return unchanged({ rc: 0, stdout: `skipped, since ${g.removes} does not exist`, stdout_lines: [`skipped, since ${g.removes} does not exist`], stderr: '', stderr_lines: [] }, `Did not run command since '${g.removes}' does not exist`);
  }
  return wouldRun;
}

export interface CommandRun {
  readonly argv: readonly string[];
  /** What `cmd` shows in the registered result: the argv for command, the script for shell. */
  readonly shown: string | readonly string[];
  readonly chdir?: string | undefined;
  readonly stdin?: string | undefined;
  readonly stdinAddNewline?: boolean | undefined;
  readonly stripEmptyEnds?: boolean | undefined;
}

function stamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Python's timedelta text, as Ansible shows `delta`: 0:00:01.250000. */
export function formatDelta(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(6).padStart(9, '0');
  return `${h}:${String(m).padStart(2, '0')}:${s}`;
}

/** Runs the command; a non-zero exit is a failed result, not an exception. */
export async function runCommand(ctx: ModuleContext, c: CommandRun): Promise<ModuleResult> {
  const start = new Date();
  const stdin = c.stdin === undefined ? undefined : c.stdinAddNewline === false ? c.stdin : `${c.stdin}\n`;
  const res = await run(ctx, c.argv, {
    ...(c.chdir === undefined ? {} : { cwd: c.chdir }),
    ...(stdin === undefined ? {} : { stdin }),
  });
  const end = new Date();
  const ms = end.getTime() - start.getTime();
  const delta = formatDelta(ms);
  const failed = res.rc !== 0;
  const msg = failed ? (res.rc === 127 ? `command not found: ${c.argv[0] ?? ''}` : 'non-zero return code') : '';
  return {
    changed: true,
    ...(failed ? { failed: true } : {}),
    msg,
    data: { cmd: c.shown, ...outputData(res, c.stripEmptyEnds !== false), start: stamp(start), end: stamp(end), delta, msg },
  };
}

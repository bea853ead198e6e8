// One task (or one loop item) on one host: the module call, changed_when/failed_when, and the
// until/retries/delay loop. Sleeps between attempts wake at once on Ctrl-C.
import type { TaskDef } from '../model/types.js';
import { callModule, failedOutcome, renderArgs, type ModuleOutcome } from './module-call.js';
import { moduleContext } from './module-context.js';
import type { HostState, TaskRun } from './run-context.js';
import { registered } from './task-result.js';
import type { TaskVars } from './task-vars.js';

/** `until` runs up to retries + 1 times (retries defaults to 3), delay seconds apart (default 5). */
export async function runWithRetries(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Promise<ModuleOutcome> {
  const until = task.until ?? [];
  const retries = until.length ? renderNum(vars, task.retries, 3) : 0;
  const delay = renderNum(vars, task.delay, 5);
  let attempt = 0;
  for (;;) {
    attempt++;
    const o = applyOverrides(task, vars, await runOnce(tr, task, host, vars));
    if (until.length === 0) return o;
    const done = vars.with(task.register, registered(o)).conditions(until);
    if (!done.ok) return failedOutcome(done.msg);
    if (done.value) return { ...o, data: { ...o.data, attempts: attempt } };
    const giveUp = (why: string): ModuleOutcome => ({ ...o, failed: true, msg: o.msg ?? why, data: { ...o.data, attempts: attempt } });
    if (attempt > retries) return giveUp(`retries exhausted (${attempt} attempts)`);
    await tr.run.cancel.sleep(delay * 1000);
    // Ctrl-C during the delay: no further attempt starts.
    if (tr.run.cancel.requested) return giveUp(`interrupted after ${attempt} attempts`);
  }
}

export function renderNum(vars: TaskVars, v: number | string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const r = vars.render(v);
  const n = r.ok ? Number(r.value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : dflt;
}

/** changed_when / failed_when, evaluated with the result visible under the register name. */
function applyOverrides(task: TaskDef, vars: TaskVars, o: ModuleOutcome): ModuleOutcome {
  if (!task.changed_when && !task.failed_when) return o;
  const scoped = vars.with(task.register, registered(o));
  let out = o;
  if (task.changed_when) {
    const c = scoped.conditions(task.changed_when);
    if (!c.ok) return failedOutcome(`changed_when: ${c.msg}`, o.data);
    out = { ...out, changed: c.value };
  }
  if (task.failed_when) {
    const f = scoped.conditions(task.failed_when);
    if (!f.ok) return failedOutcome(`failed_when: ${f.msg}`, o.data);
    out = { ...out, failed: f.value, ...(f.value && !out.msg ? { msg: 'failed_when condition was true' } : {}) };
  }
  return out;
}

async function runOnce(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Promise<ModuleOutcome> {
  const mod = tr.run.modules.get(task.module);
  if (!mod) return failedOutcome(`unknown module ${task.module}`);
  const args = renderArgs(task, vars);
  if (!args.ok) return failedOutcome(args.msg);
  const ctx = moduleContext(tr, task, host, vars);
  if (!ctx.ok) return failedOutcome(ctx.msg);
  return callModule(mod, args.args, ctx.value);
}

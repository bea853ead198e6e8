// loop: the task once per item, with loop_control (loop_var, index_var, label, pause) and the
// task's `when` evaluated per item. Every item runs even after one fails, as in Ansible; the
// registered value holds `results`, one entry per item.
import type { TaskDef } from '../model/types.js';
import type { ItemResult } from '../report/events.js';
import { allConditions } from './effective.js';
import { failedOutcome, type ModuleOutcome } from './module-call.js';
import type { HostState, TaskRun } from './run-context.js';
import { renderNum, runWithRetries } from './task-attempts.js';
import { isNoLog, toResult, type ResultBody } from './task-result.js';
import { taskVars, type TaskVars } from './task-vars.js';

export async function runLoop(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Promise<ResultBody> {
  const rendered = vars.render(task.loop);
  if (!rendered.ok) return toResult(failedOutcome(`loop: ${rendered.error.message}`), tr, task, vars, host);
  const items: unknown = rendered.value;
  if (!Array.isArray(items)) return toResult(failedOutcome('loop: expected a list'), tr, task, vars, host);
  const lc = task.loop_control;
  const loopVar = lc?.loop_var ?? 'item';
  const pauseMs = renderNum(vars, lc?.pause, 0) * 1000;
  const noLog = isNoLog(task, tr, vars);
  const results: Record<string, unknown>[] = [];
  const shown: ItemResult[] = [];
  let changed = false;
  let failed = false;
  for (const [index, item] of (items as unknown[]).entries()) {
    if (index > 0 && pauseMs > 0) await tr.run.cancel.sleep(pauseMs);
    // Checked after the pause too: Ctrl-C ends the pause, and no further item may start.
    if (tr.run.cancel.requested) break;
    const loopVars: Record<string, unknown> = { [loopVar]: item, ansible_loop_var: loopVar };
    if (lc?.index_var) loopVars[lc.index_var] = index;
    const iv = taskVars(tr.run, host, tr.play, { play: tr.lineage.play, blocks: tr.lineage.blocks, task, loopVars, ...(task.role ? { role: task.role } : {}) });
    const when = iv.conditions(allConditions(task, tr.lineage));
    let o: ModuleOutcome;
    if (!when.ok) o = failedOutcome(when.msg);
    else if (!when.value) o = { changed: false, failed: false, skipped: true, data: { skip_reason: 'Conditional result was False' } };
    else o = await runWithRetries(tr, task, host, iv);
    results.push({ ...o.data, changed: o.changed, failed: o.failed, skipped: o.skipped, [loopVar]: item, ansible_loop_var: loopVar, ...(lc?.index_var ? { [lc.index_var]: index, ansible_index_var: lc.index_var } : {}), ...(o.msg !== undefined ? { msg: o.msg } : {}) });
    changed ||= o.changed;
    failed ||= o.failed;
    shown.push(itemShown(tr, o, noLog ? '(censored due to no_log)' : itemLabel(task, iv, item), noLog));
  }
  const allSkipped = results.length > 0 && results.every((r) => r['skipped'] === true);
  const outcome: ModuleOutcome = {
    changed,
    failed,
    skipped: allSkipped || results.length === 0,
    ...(failed ? { msg: 'One or more items failed' } : {}),
    data: { results, ...(results.length === 0 ? { skipped_reason: 'No items in the list' } : {}) },
  };
  return { ...toResult(outcome, tr, task, vars, host), items: shown };
}

function itemShown(tr: TaskRun, o: ModuleOutcome, label: string, noLog: boolean): ItemResult {
  const status = o.failed ? 'failed' : o.skipped ? 'skipped' : o.changed ? 'changed' : 'ok';
  const red = tr.run.redactor;
  const base = { label: red.text(label), status, changed: o.changed } as const;
  if (noLog) return base;
  const diff = o.diff?.map((d) => ({ path: d.path, before: red.text(d.before), after: red.text(d.after) }));
  return { ...base, ...(o.msg ? { msg: red.text(o.msg) } : {}), ...(diff ? { diff } : {}) };
}

function itemLabel(task: TaskDef, vars: TaskVars, item: unknown): string {
  if (task.loop_control?.label !== undefined) {
    const r = vars.render(task.loop_control.label);
    return r.ok ? String(r.value) : task.loop_control.label;
  }
  return typeof item === 'string' ? item : JSON.stringify(item);
}

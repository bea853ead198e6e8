// One task on one host: conditions, then a single run (with retries) or a loop, shaped into a
// HostResult. Returns a value for every outcome; nothing a host does can throw past here.
import type { TaskDef } from '../model/types.js';
import type { HostResult } from '../report/events.js';
import { Interrupted } from './cancel.js';
import { isConnectionFailure } from './connection-pool.js';
import { allConditions, inherited } from './effective.js';
import { failedOutcome } from './module-call.js';
import { delegateTarget } from './module-context.js';
import type { HostState, TaskRun } from './run-context.js';
import { runWithRetries } from './task-attempts.js';
import { runLoop } from './task-loop.js';
import { skippedResult, store, toResult, type ResultBody } from './task-result.js';
import { taskVars } from './task-vars.js';

export type { TaskRun } from './run-context.js';

export async function executeTask(tr: TaskRun, task: TaskDef, host: HostState): Promise<HostResult> {
  const started = performance.now();
  const scope = { play: tr.lineage.play, blocks: tr.lineage.blocks, task, ...(task.role ? { role: task.role } : {}) };
  const vars = taskVars(tr.run, host, tr.play, scope);
  const delegate = delegateTarget(tr, task, vars);
  const delegatedTo = delegate.ok && delegate.value !== undefined && delegate.value !== host.name ? delegate.value : undefined;
  const finish = (o: ResultBody): HostResult => ({ ...o, host: host.name, durationMs: performance.now() - started, ...(delegatedTo !== undefined ? { delegatedTo } : {}) });
  try {
    if (task.loop !== undefined) return finish(await runLoop(tr, task, host, vars));
    const when = vars.conditions(allConditions(task, tr.lineage));
    if (!when.ok) return finish(toResult(failedOutcome(when.msg), tr, task, vars, host));
    if (!when.value) return finish(skippedResult(tr, task, host));
    const outcome = await runWithRetries(tr, task, host, vars);
    return finish(toResult(outcome, tr, task, vars, host));
  } catch (e) {
    if (isConnectionFailure(e)) {
      const data = { unreachable: true, changed: false, msg: tr.run.redactor.text(e.message) };
      store(tr, host, task, data);
      const ignored = inherited(task, tr.lineage, 'ignore_unreachable') === true;
      return finish({ status: 'unreachable', changed: false, msg: data.msg, data, ...(ignored ? { ignored: true } : {}) });
    }
    // A bug in a module must not take the run down: report it on this host only.
    const msg = e instanceof Interrupted ? e.message : `internal error in ${task.module}: ${e instanceof Error ? e.message : String(e)}`;
    return finish(toResult(failedOutcome(msg), tr, task, vars, host));
  }
}

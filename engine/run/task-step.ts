// One task across all active hosts in parallel (at most --forks at once): Ansible's linear step.
// Results are emitted in host order; a failing host only removes itself from the play, unless
// any_errors_fatal or max_fail_percentage end the play for all.
import type { TaskDef } from '../model/types.js';
import type { HostResult, TaskInfo } from '../report/events.js';
import { taskName } from '../plan/plan.js';
import { inherited, type Lineage } from './effective.js';
import type { PlayRun } from './play-state.js';
import type { TaskRun } from './run-context.js';
import { executeTask } from './task-executor.js';
import { taskTitle } from './task-title.js';

/** After Ctrl-C, tasks already running get this long to finish before the run stops waiting. */
export const INTERRUPT_GRACE_MS = 10_000;

export function taskInfo(task: TaskDef, handler: boolean, name = taskName(task)): TaskInfo {
  return {
    name,
    ...(task.role ? { role: task.role.name } : {}),
    module: task.module,
    handler,
    file: task.origin.file,
    line: task.origin.pos.line,
  };
}

export async function runTaskStep(pr: PlayRun, task: TaskDef, hosts: readonly string[], lineage: Lineage, handler = false): Promise<HostResult[]> {
  const { run } = pr;
  if (hosts.length === 0 || run.cancel.requested) return [];
  const info = taskInfo(task, handler, taskTitle(run, pr.ctx, task, lineage));
  const quiet = task.module === 'meta';
  // run_once: the first host runs it; its result is registered on every host (Ansible's shape).
  const runOnce = inherited(task, lineage, 'run_once') === true;
  const targets = runOnce ? hosts.slice(0, 1) : hosts;
  if (!quiet) run.bus.emit({ type: 'task_start', task: info, hosts: targets });
  const tr: TaskRun = { run, play: pr.ctx, lineage, ...(runOnce ? { shareWith: hosts.slice(1).map((h) => pr.state(h)) } : {}) };
  // A host still queued behind --forks when Ctrl-C comes never starts: it has no result.
  const jobs = targets.map((h) => run.limit(async () => (run.cancel.requested ? undefined : executeTask(tr, task, pr.state(h)))));
  const settled = await withGrace(pr, Promise.all(jobs));
  if (!settled) return [];
  const results = settled.filter((r): r is HostResult => r !== undefined);
  for (const r of results) record(pr, task, info, r, quiet);
  const first = results[0];
  if (runOnce && first?.status === 'failed' && !first.ignored) {
    // A run_once failure stands for every host, as in Ansible.
    for (const h of hosts) if (pr.isActive(h)) pr.state(h).failed = true;
  }
  const fatal = results.find((r) => (r.status === 'failed' || r.status === 'unreachable') && !r.ignored);
  if (fatal && inherited(task, lineage, 'any_errors_fatal') === true) anyErrorsFatal(pr, info, fatal);
  checkMaxFail(pr);
  return results;
}

function record(pr: PlayRun, task: TaskDef, info: TaskInfo, r: HostResult, quiet: boolean): void {
  const s = pr.state(r.host);
  if (!quiet) {
    pr.run.bus.emit({ type: 'host_result', task: info, result: r });
    pr.run.recap.count(r);
  }
  if (r.status === 'failed' && !r.ignored) {
    s.failed = true;
    s.failure = { task: { name: info.name, action: task.module }, result: r.data };
  }
  if (r.status === 'unreachable' && !r.ignored) s.unreachable = true;
  if (r.changed && r.status !== 'failed') for (const n of task.notify) s.notified.add(n);
  const meta = r.data['meta'];
  if (r.status === 'ok' && typeof meta === 'string') {
    if (meta === 'end_host') pr.ended.add(r.host);
    if (meta === 'end_play') pr.endPlay();
  }
}

/**
 * any_errors_fatal: inside a block with a rescue, every host of the batch fails and so runs the
 * rescue (Ansible 2.17's behaviour); anywhere else the play and the run end.
 */
function anyErrorsFatal(pr: PlayRun, info: TaskInfo, fatal: HostResult): void {
  if (pr.rescuable === 0) {
    pr.halt(`any_errors_fatal: '${info.name}' failed on ${fatal.host}`);
    return;
  }
  const failure = pr.state(fatal.host).failure;
  for (const h of pr.ctx.batch) {
    if (!pr.isActive(h)) continue;
    const s = pr.state(h);
    s.failed = true;
    if (failure) s.failure = failure;
  }
}

/** max_fail_percentage: more than that share of the batch failed or unreachable ends the run. */
function checkMaxFail(pr: PlayRun): void {
  const mfp = pr.plan.play.max_fail_percentage;
  if (mfp === undefined || pr.halted !== undefined) return;
  const batch = pr.ctx.batch;
  const failed = batch.filter((h) => pr.state(h).failed || pr.state(h).unreachable).length;
  if (batch.length > 0 && (failed / batch.length) * 100 > mfp) {
    pr.halt(`max_fail_percentage ${mfp}% exceeded: ${failed} of ${batch.length} hosts failed`);
  }
}

/** After Ctrl-C, running hosts get INTERRUPT_GRACE_MS to finish before the run stops waiting. */
function withGrace<T>(pr: PlayRun, p: Promise<T>): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const off = pr.run.cancel.onRequest(() => {
      timer = setTimeout(() => settle(undefined), INTERRUPT_GRACE_MS);
    });
    const settle = (v: T | undefined): void => {
      clearTimeout(timer);
      off();
      resolve(v);
    };
    p.then(settle, (e: unknown) => {
      clearTimeout(timer);
      off();
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}

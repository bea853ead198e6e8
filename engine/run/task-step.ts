// One task across all active hosts in parallel (at most --forks at once): Ansible's linear step.
// Results are emitted in host order; a failing host only removes itself from the play.
import type { TaskDef } from '../model/types.js';
import type { HostResult, TaskInfo } from '../report/events.js';
import { taskName } from '../plan/plan.js';
import { inherited, type Lineage } from './effective.js';
import type { PlayRun } from './play-state.js';
import { executeTask } from './task-executor.js';

const GRACE_MS = 10_000;

export function taskInfo(task: TaskDef, handler: boolean): TaskInfo {
  return {
    name: taskName(task),
    ...(task.role ? { role: task.role.name } : {}),
    module: task.module,
    handler,
    file: task.origin.file,
    line: task.origin.pos.line,
  };
}

export async function runTaskStep(pr: PlayRun, task: TaskDef, hosts: readonly string[], lineage: Lineage, handler = false): Promise<HostResult[]> {
  const { run } = pr;
  const info = taskInfo(task, handler);
  const quiet = task.module === 'meta';
  const runOnce = inherited(task, lineage, 'run_once') === true;
  const targets = runOnce ? hosts.slice(0, 1) : hosts;
  if (!quiet) run.bus.emit({ type: 'task_start', task: info, hosts: targets });
  const tr = { run, play: pr.ctx, lineage };
  const jobs = targets.map((h) => run.limit(() => executeTask(tr, task, pr.state(h))));
  const settled = await withGrace(pr, Promise.all(jobs));
  if (!settled) return [];
  let results = settled;
  if (runOnce && results[0]) results = copyRunOnce(pr, task, results[0], hosts);
  for (const r of results) record(pr, task, info, r, quiet);
  if (inherited(task, lineage, 'any_errors_fatal') === true && results.some((r) => r.status === 'failed' && !r.ignored)) pr.stopped = true;
  checkMaxFail(pr);
  return results;
}

/** run_once: the first host's result stands for every host, registered on each. */
function copyRunOnce(pr: PlayRun, task: TaskDef, first: HostResult, hosts: readonly string[]): HostResult[] {
  const reg = task.register ? pr.state(first.host).facts[task.register] : undefined;
  return hosts.map((h) => {
    if (task.register && reg !== undefined) pr.state(h).facts[task.register] = reg;
    return h === first.host ? first : { ...first, host: h };
  });
}

function record(pr: PlayRun, task: TaskDef, info: TaskInfo, r: HostResult, quiet: boolean): void {
  const s = pr.state(r.host);
  if (!quiet) {
    pr.run.bus.emit({ type: 'host_result', task: info, result: r });
    pr.run.recap.count(r);
  }
  if (r.status === 'failed' && !r.ignored) s.failed = true;
  if (r.status === 'unreachable' && !r.ignored) s.unreachable = true;
  if (r.changed && r.status !== 'failed') for (const n of task.notify) s.notified.add(n);
  const meta = r.data['meta'];
  if (r.status === 'ok' && typeof meta === 'string') {
    if (meta === 'end_host') pr.ended.add(r.host);
    if (meta === 'end_play') pr.stopped = true;
  }
}

function checkMaxFail(pr: PlayRun): void {
  const mfp = pr.plan.play.max_fail_percentage;
  if (mfp === undefined) return;
  const batch = pr.ctx.batch;
  const failed = batch.filter((h) => pr.state(h).failed || pr.state(h).unreachable).length;
  if (batch.length > 0 && (failed / batch.length) * 100 > mfp) pr.stopped = true;
}

/** After Ctrl-C, running hosts get GRACE_MS to finish before the run stops waiting for them. */
async function withGrace<T>(pr: PlayRun, p: Promise<T>): Promise<T | undefined> {
  const late = pr.run.cancel
    .whenRequested()
    .then(() => new Promise<'late'>((r) => setTimeout(() => r('late'), GRACE_MS).unref()));
  const r = await Promise.race([p.then((value) => ({ value })), late]);
  return r === 'late' ? undefined : r.value;
}

// Walks a task tree with the linear strategy: blocks with rescue and always, handlers flushed by
// meta: flush_handlers, hosts dropping out as they fail.
import type { BlockDef, TaskDef, TaskNode } from '../model/types.js';
import { flushHandlers } from './handlers.js';
import type { PlayRun } from './play-state.js';
import { runTaskStep } from './task-step.js';

export async function runNodes(pr: PlayRun, nodes: readonly TaskNode[], hosts: readonly string[], blocks: readonly BlockDef[]): Promise<void> {
  for (const node of nodes) {
    const active = pr.active(hosts);
    if (active.length === 0) return;
    if (node.kind === 'block') await runBlock(pr, node, active, blocks);
    else await runTask(pr, node, active, blocks);
  }
}

async function runTask(pr: PlayRun, task: TaskDef, hosts: readonly string[], blocks: readonly BlockDef[]): Promise<void> {
  const results = await runTaskStep(pr, task, hosts, { play: pr.plan.play, blocks });
  if (task.module !== 'meta') return;
  const acted = results.find((r) => r.status === 'ok' && typeof r.data['meta'] === 'string');
  const action = acted?.data['meta'];
  if (action === 'flush_handlers') await flushHandlers(pr);
  if (action === 'clear_host_errors') for (const h of pr.ctx.batch) pr.state(h).failed = false;
}

/**
 * A failure in `block` hands the host to `rescue`: counted then as rescued instead of failed (as
 * Ansible counts it), with ansible_failed_task and ansible_failed_result set. A failure inside
 * rescue is a new failure. `always` runs for every host that entered the block, failed or not,
 * and a failure stays a failure after it.
 */
async function runBlock(pr: PlayRun, b: BlockDef, hosts: readonly string[], outer: readonly BlockDef[]): Promise<void> {
  const lineage = [...outer, b];
  const rescuable = b.rescue.length > 0;
  if (rescuable) pr.rescuable++;
  try {
    await runNodes(pr, b.block, hosts, lineage);
  } finally {
    if (rescuable) pr.rescuable--;
  }
  const failed = hosts.filter((h) => pr.state(h).failed && !pr.state(h).unreachable);
  if (b.rescue.length > 0 && failed.length > 0 && !pr.stopped) {
    for (const h of failed) {
      const s = pr.state(h);
      s.failed = false;
      if (s.failure) {
        s.facts['ansible_failed_task'] = s.failure.task;
        s.facts['ansible_failed_result'] = s.failure.result;
      }
      pr.run.recap.rescued(h);
      pr.run.bus.emit({ type: 'host_rescued', host: h });
    }
    await runNodes(pr, b.rescue, failed, lineage);
  }
  if (b.always.length === 0) return;
  const stillFailed = hosts.filter((h) => pr.state(h).failed && !pr.state(h).unreachable);
  for (const h of stillFailed) pr.state(h).failed = false;
  await runNodes(pr, b.always, hosts, lineage);
  for (const h of stillFailed) pr.state(h).failed = true;
}

// Walks a task tree with the linear strategy: blocks with rescue and always, handlers flushed by
// meta: flush_handlers, hosts dropping out as they fail.
import type { BlockDef, TaskDef, TaskNode } from '../model/types.js';
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

async function runBlock(pr: PlayRun, b: BlockDef, hosts: readonly string[], outer: readonly BlockDef[]): Promise<void> {
  const lineage = [...outer, b];
  await runNodes(pr, b.block, hosts, lineage);
  const failed = hosts.filter((h) => pr.state(h).failed && !pr.state(h).unreachable);
  if (b.rescue.length > 0 && failed.length > 0) {
    for (const h of failed) pr.state(h).failed = false;
    await runNodes(pr, b.rescue, failed, lineage);
    for (const h of failed) {
      if (!pr.state(h).failed && !pr.state(h).unreachable) {
        pr.run.recap.rescued(h);
        pr.run.bus.emit({ type: 'host_rescued', host: h });
      }
    }
  }
  if (b.always.length === 0) return;
  // always runs for every host that entered the block, failed or not; a failure stays a failure.
  const stillFailed = hosts.filter((h) => pr.state(h).failed && !pr.state(h).unreachable);
  for (const h of stillFailed) pr.state(h).failed = false;
  await runNodes(pr, b.always, hosts, lineage);
  for (const h of stillFailed) pr.state(h).failed = true;
}

/** Runs notified handlers in definition order, once per host, then forgets the notifications. */
export async function flushHandlers(pr: PlayRun): Promise<void> {
  const handlers = pr.plan.handlers;
  for (const handler of handlers) {
    const names = [handler.name, ...handler.listen].filter((n): n is string => n !== undefined);
    const forced = pr.plan.play.force_handlers;
    const hosts = pr.ctx.batch.filter((h) => {
      const s = pr.state(h);
      const eligible = forced ? !s.unreachable : pr.isActive(h);
      return eligible && names.some((n) => s.notified.has(n));
    });
    if (hosts.length === 0) continue;
    for (const h of hosts) for (const n of names) pr.state(h).notified.delete(n);
    await runTaskStep(pr, handler, hosts, { play: pr.plan.play, blocks: [] }, true);
  }
}

// One play: host batches (serial), fact gathering, the task sections with handler flushes between
// them (as Ansible flushes after pre_tasks, after roles+tasks and after post_tasks).
import type { TaskDef } from '../model/types.js';
import type { PreparedPlay } from '../prepare/prepared-run.js';
import { flushHandlers, forgetNotifications } from './handlers.js';
import { PlayRun } from './play-state.js';
import type { RunContext } from './run-context.js';
import { runTaskStep } from './task-step.js';
import { runNodes } from './tree-runner.js';

/** What the rest of the run does after a play. */
export type PlayEnd = 'next' | 'halt';

export async function runPlay(run: RunContext, prepared: PreparedPlay): Promise<PlayEnd> {
  const { plan, hosts } = prepared;
  run.bus.emit({ type: 'play_start', name: plan.play.name, hosts });
  const eligible = hosts.filter((h) => {
    const s = run.hosts.get(h);
    return s !== undefined && !s.failed && !s.unreachable;
  });
  if (eligible.length === 0) {
    run.bus.emit({ type: 'no_hosts', reason: hosts.length ? 'all hosts have already failed' : `pattern '${plan.play.hosts}'` });
    return 'next';
  }
  for (const batch of batches(eligible, plan.play.serial)) {
    if (run.cancel.requested) return 'next';
    const pr = new PlayRun(run, plan, { hosts, batch });
    if (plan.play.gather_facts) await gatherFacts(pr, batch);
    for (const section of plan.sections) {
      if (section.name === 'roles' && section.tasks.length === 0) continue;
      await runNodes(pr, section.tasks, batch, []);
      // After a halt only force_handlers still runs them; after end_play nothing does.
      if (section.name !== 'roles' && (!pr.stopped || (pr.halted !== undefined && plan.play.force_handlers))) await flushHandlers(pr);
    }
    forgetNotifications(pr);
    if (pr.halted !== undefined) return 'halt';
    // Ansible ends the run when every host of a batch failed: the rest would fail the same way.
    if (batch.every((h) => pr.state(h).failed || pr.state(h).unreachable)) {
      run.bus.emit({ type: 'halted', reason: batch.length > 1 ? `all ${batch.length} hosts of the batch failed` : `${batch[0] ?? ''} failed, the only host of the batch` });
      return 'halt';
    }
    if (pr.stopped) return 'next';
  }
  return 'next';
}

async function gatherFacts(pr: PlayRun, hosts: readonly string[]): Promise<void> {
  if (!pr.run.modules.get('setup')) {
    pr.run.bus.emit({ type: 'warning', message: 'fact gathering is not available (no setup module); set gather_facts: false' });
    return;
  }
  const play = pr.plan.play;
  const task: TaskDef = {
    kind: 'task',
    name: 'Gathering Facts',
    module: 'setup',
    moduleAs: 'setup',
    args: {},
    tags: ['always'],
    when: [],
    vars: {},
    notify: [],
    listen: [],
    origin: play.origin,
  };
  await runTaskStep(pr, task, pr.active(hosts), { play, blocks: [] });
}

/** serial: 2, "30%", or a list such as [1, 5, "50%"] whose last size repeats. */
export function batches(hosts: readonly string[], serial: readonly (number | string)[] | undefined): string[][] {
  if (!serial || serial.length === 0) return [[...hosts]];
  const sizes = serial.map((s) => {
    const pct = typeof s === 'string' && s.trim().endsWith('%') ? Number(s.trim().slice(0, -1)) : undefined;
    const n = pct !== undefined ? Math.floor((hosts.length * pct) / 100) : Number(s);
    return Number.isFinite(n) && n > 0 ? Math.max(1, n) : pct !== undefined && Number.isFinite(n) ? 1 : hosts.length;
  });
  const out: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = sizes[Math.min(k, sizes.length - 1)] ?? hosts.length;
    out.push(hosts.slice(i, i + size));
    i += size;
    k++;
  }
  return out;
}

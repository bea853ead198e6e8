// Handler flushes: every notified handler runs once per host, in definition order (not the order
// of notification). A handler may notify others: a later one runs in the same pass, an earlier
// one in another pass, until nothing is pending (bounded, so two handlers notifying each other
// cannot loop forever). Hosts that failed or ended do not run handlers, unless force_handlers.
import type { TaskDef } from '../model/types.js';
import type { PlayRun } from './play-state.js';
import { runTaskStep } from './task-step.js';

const MAX_PASSES = 10;

/** The names a notification can use for a handler: its name and its listen topics. */
function namesOf(h: TaskDef): string[] {
  return [...(h.name !== undefined ? [h.name] : []), ...h.listen];
}

export async function flushHandlers(pr: PlayRun): Promise<void> {
  const handlers = pr.plan.handlers;
  const names = handlers.map(namesOf);
  // host → indexes of the handlers it owes a run
  const pending = new Map<string, Set<number>>();
  const absorb = (): void => {
    for (const h of pr.ctx.batch) {
      const s = pr.state(h);
      if (s.notified.size === 0) continue;
      const owed = pending.get(h) ?? new Set<number>();
      names.forEach((ns, i) => {
        if (ns.some((n) => s.notified.has(n))) owed.add(i);
      });
      s.notified.clear();
      pending.set(h, owed);
    }
  };
  absorb();
  for (let pass = 0; pass < MAX_PASSES && [...pending.values()].some((o) => o.size > 0); pass++) {
    for (const [i, handler] of handlers.entries()) {
      if (pr.run.cancel.requested) return;
      absorb();
      const hosts = pr.ctx.batch.filter((h) => pending.get(h)?.has(i) === true && mayRun(pr, h));
      for (const h of pr.ctx.batch) pending.get(h)?.delete(i);
      await runTaskStep(pr, handler, hosts, { play: pr.plan.play, blocks: [] }, true);
    }
    absorb();
  }
}

function mayRun(pr: PlayRun, host: string): boolean {
  if (pr.ended.has(host)) return false;
  const s = pr.state(host);
  return pr.plan.play.force_handlers ? !s.unreachable : pr.isActive(host);
}

/** Notifications that were not run by the end of a play are dropped, as in Ansible. */
export function forgetNotifications(pr: PlayRun): void {
  for (const h of pr.ctx.batch) pr.state(h).notified.clear();
}

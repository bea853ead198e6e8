// The name shown for a task, templated once for all hosts, as Ansible's linear strategy does:
// only variables that do not depend on a host are visible (play, role, block and task vars,
// extra vars, host-independent magic variables). A name that needs anything else, or fails to
// render, is shown as written.
import { groupsMap } from '../inventory/index.js';
import type { TaskDef } from '../model/types.js';
import { taskName } from '../plan/plan.js';
import { hasTemplate, renderString } from '../template/index.js';
import { buildVars } from '../vars/precedence.js';
import type { Lineage } from './effective.js';
import type { PlayContext, RunContext } from './run-context.js';

export function taskTitle(run: RunContext, play: PlayContext, task: TaskDef, lineage: Lineage): string {
  const raw = taskName(task);
  if (task.name === undefined || !hasTemplate(raw)) return raw;
  const magic: Record<string, unknown> = {
    groups: groupsMap(run.inventory),
    play_hosts: play.batch,
    ansible_play_hosts_all: play.hosts,
    ansible_play_batch: play.batch,
    playbook_dir: run.playbook.dir,
    ansible_check_mode: run.settings.check,
    ansible_diff_mode: run.settings.diff,
  };
  const scope = { play: lineage.play, blocks: lineage.blocks, task, ...(task.role ? { role: task.role } : {}) };
  const vars = buildVars({ inventory: [], facts: {} }, scope, run.extraVars, magic);
  const r = renderString(raw, vars);
  return r.ok && (typeof r.value === 'string' || typeof r.value === 'number' || typeof r.value === 'boolean') ? String(r.value) : raw;
}

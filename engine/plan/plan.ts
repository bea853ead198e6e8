// The plan of a play: its task tree after tag selection and --start-at-task. Pure data in,
// pure data out; the runner walks the result.
import type { BlockDef, PlayDef, TaskDef, TaskNode } from '../model/types.js';
import { isSelected, type TagSelection } from './tags.js';

export interface PlanOptions {
  readonly tags: TagSelection;
  /** Skip every task before the first whose name matches (Ansible's --start-at-task). */
  readonly startAtTask?: string;
}

export interface PlayPlan {
  readonly play: PlayDef;
  /** pre_tasks, roles, tasks, post_tasks — handlers are flushed between them, as in Ansible. */
  readonly sections: readonly { readonly name: 'pre_tasks' | 'roles' | 'tasks' | 'post_tasks'; readonly tasks: readonly TaskNode[] }[];
  readonly handlers: readonly TaskDef[];
}

export function planPlay(play: PlayDef, opts: PlanOptions, start: { found: boolean }): PlayPlan {
  const keep = (nodes: readonly TaskNode[]): TaskNode[] => filterNodes(nodes, opts, start);
  return {
    play,
    sections: [
      { name: 'pre_tasks', tasks: keep(play.pre_tasks) },
      { name: 'roles', tasks: keep(play.roles) },
      { name: 'tasks', tasks: keep(play.tasks) },
      { name: 'post_tasks', tasks: keep(play.post_tasks) },
    ],
    handlers: play.handlers,
  };
}

/** Plans every play; `start` is shared so --start-at-task spans plays. */
export function planPlaybook(plays: readonly PlayDef[], opts: PlanOptions): PlayPlan[] {
  const start = { found: opts.startAtTask === undefined };
  return plays.map((p) => planPlay(p, opts, start));
}

function filterNodes(nodes: readonly TaskNode[], opts: PlanOptions, start: { found: boolean }): TaskNode[] {
  const out: TaskNode[] = [];
  for (const n of nodes) {
    if (n.kind === 'block') {
      const b = filterBlock(n, opts, start);
      if (b) out.push(b);
      continue;
    }
    if (!start.found && opts.startAtTask !== undefined && taskName(n) === opts.startAtTask) start.found = true;
    if (start.found && isSelected(n.tags, opts.tags)) out.push(n);
  }
  return out;
}

function filterBlock(b: BlockDef, opts: PlanOptions, start: { found: boolean }): BlockDef | undefined {
  const block = filterNodes(b.block, opts, start);
  const rescue = filterNodes(b.rescue, opts, start);
  const always = filterNodes(b.always, opts, start);
  if (block.length + rescue.length + always.length === 0) return undefined;
  return { ...b, block, rescue, always };
}

/** The name shown in output: `role : name`, or the module when unnamed (as Ansible does). */
export function taskName(t: TaskDef): string {
  return t.name ?? t.moduleAs;
}

export function displayName(t: TaskDef): string {
  return t.role ? `${t.role.name} : ${taskName(t)}` : taskName(t);
}

export function flattenTasks(nodes: readonly TaskNode[]): TaskDef[] {
  return nodes.flatMap((n) => (n.kind === 'task' ? [n] : [...flattenTasks(n.block), ...flattenTasks(n.rescue), ...flattenTasks(n.always)]));
}

// Keyword inheritance: the task's own value, else the nearest enclosing block's, else the play's.
import type { BlockDef, CommonKeywords, Condition, PlayDef, TaskDef } from '../model/types.js';

export interface Lineage {
  readonly play: PlayDef;
  /** Enclosing blocks, outermost first. */
  readonly blocks: readonly BlockDef[];
}

export function inherited<K extends keyof CommonKeywords>(task: TaskDef, lin: Lineage, key: K): CommonKeywords[K] | undefined {
  if (task[key] !== undefined) return task[key];
  for (let i = lin.blocks.length - 1; i >= 0; i--) {
    const v = lin.blocks[i]?.[key];
    if (v !== undefined) return v;
  }
  return lin.play[key];
}

/** `when` of every enclosing block and of the task: all must hold. */
export function allConditions(task: TaskDef, lin: Lineage): Condition[] {
  return [...lin.play.when, ...lin.blocks.flatMap((b) => b.when), ...task.when];
}

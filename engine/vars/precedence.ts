// Variable precedence, lowest first. Nine levels instead of Ansible's 22, in the order Ansible
// users already expect (docs/variables.md has the table):
//   1 role defaults (all the play's roles; the task's own role wins)  2 inventory group vars (all < parents < children)  3 inventory host vars
//   4 play vars, then vars_files  5 role vars and role parameters  6 block vars, then task vars
//   7 facts, registered results and set_fact  8 extra vars (-e)  9 magic variables (read-only)
// Levels 1–6 and 8 are trusted text and may hold templates (rendered when read); level 7 came from
// hosts and is never rendered again.
import type { BlockDef, PlayDef, RoleScope, TaskDef, Vars } from '../model/types.js';

export interface VarEntry {
  readonly value: unknown;
  readonly templated: boolean;
}

export type VarSource = ReadonlyMap<string, VarEntry>;

export interface HostState {
  /** Layers from the inventory for this host, lowest first. */
  readonly inventory: readonly { readonly source: string; readonly vars: Vars }[];
  /** Facts, registered results and set_fact values: data from hosts. */
  readonly facts: Vars;
}

export interface Scope {
  readonly play: PlayDef;
  readonly role?: RoleScope;
  /** Enclosing blocks, outermost first. */
  readonly blocks: readonly BlockDef[];
  readonly task?: TaskDef;
  /** Loop variable(s) of the current item: task-vars level. */
  readonly loopVars?: Vars;
}

export function buildVars(host: HostState, scope: Scope, extra: Vars, magic: Vars): Map<string, VarEntry> {
  const out = new Map<string, VarEntry>();
  const put = (vars: Vars | undefined, templated: boolean): void => {
    if (!vars) return;
    for (const [k, v] of Object.entries(vars)) out.set(k, { value: v, templated });
  };
  put(scope.play.role_defaults, true);
  put(scope.role?.defaults, true);
  for (const layer of host.inventory) put(layer.vars, true);
  put(scope.play.vars, true);
  for (const f of scope.play.vars_files) put(f.vars, true);
  put(scope.role?.vars, true);
  put(scope.role?.params, true);
  for (const b of scope.blocks) put(b.vars, true);
  put(scope.task?.vars, true);
  put(scope.loopVars, false);
  put(host.facts, false);
  put(extra, true);
  put(magic, false);
  return out;
}

/** Plain values (no rendering) — for hostvars of other hosts and for debugging output. */
export function plainVars(source: VarSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, e] of source) out[k] = e.value;
  return out;
}

// Builds the variables a task sees on one host (precedence in engine/vars/precedence.ts) and
// binds rendering and condition evaluation to them.
import { evaluate, evaluateCondition, parseExpression, type Scope as ExprScope } from '../expr/index.js';
import type { Condition, Vars } from '../model/types.js';
import { groupsMap } from '../inventory/index.js';
import { renderValue, type HostVars, type TemplateError, type VarSource } from '../template/index.js';
import { hostvarsView } from '../vars/hostvars-view.js';
import { buildVars, type Scope } from '../vars/precedence.js';
import type { HostState, PlayContext, RunContext } from './run-context.js';

export class TaskVars {
  constructor(readonly source: VarSource) {}

  render(value: unknown): { ok: true; value: unknown } | { ok: false; error: TemplateError } {
    return renderValue(value, this.source);
  }

  /** `when`-style list: all must hold. A template error or unknown name is a failure. */
  conditions(list: readonly Condition[]): { ok: true; value: boolean } | { ok: false; msg: string } {
    if (list.length === 0) return { ok: true, value: true };
    const r = evaluateCondition(list, this.exprScope());
    if (r.ok) return { ok: true, value: r.value };
    const at = r.index !== undefined ? list[r.index] : list[0];
    return { ok: false, msg: `${r.error.message} in condition '${String(at)}'${r.error.hint ? ` (${r.error.hint})` : ''}` };
  }

  /** The same variables plus one more at the highest level (a result under its register name). */
  with(name: string | undefined, value: unknown): TaskVars {
    if (name === undefined) return this;
    const next = new Map(this.source);
    next.set(name, { value, templated: false });
    return new TaskVars(next);
  }

  /**
   * Plain values. With `keys`, each is rendered (connection settings and the like; a variable
   * that fails to render is left out). Without, every variable as stored, unrendered.
   */
  plain(keys?: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of keys ?? this.source.keys()) {
      const e = this.source.get(k);
      if (!e) continue;
      if (!keys || !e.templated) {
        out[k] = e.value;
        continue;
      }
      const r = renderValue(e.value, this.source);
      if (r.ok) out[k] = r.value;
    }
    return out;
  }

  /** The value of an expression (debug var=, assert that). */
  evaluate(expr: string): { ok: true; value: unknown } | { ok: false; msg: string } {
    const parsed = parseExpression(expr);
    if (!parsed.ok) return { ok: false, msg: parsed.error.message };
    const r = evaluate(parsed.expr, this.exprScope());
    return r.ok ? { ok: true, value: r.value } : { ok: false, msg: r.error.message };
  }

  private exprScope(): ExprScope {
    return {
      lookup: (name: string) => {
        const e = this.source.get(name);
        if (!e) return { found: false };
        if (name === 'hostvars' && e.value instanceof Map) return { found: true, value: hostvarsView(e.value as HostVars) };
        if (!e.templated) return { found: true, value: e.value };
        const r = renderValue(e.value, this.source);
        // A variable whose template fails reads as undefined; the condition then reports it.
        return r.ok ? { found: true, value: r.value } : { found: false };
      },
    };
  }
}

export function magicVars(run: RunContext, host: HostState, play: PlayContext, scope: Scope, hostvars: HostVars): Vars {
  const groups = groupsMap(run.inventory);
  const own = run.inventory.hosts.get(host.name)?.groups ?? [];
  return {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    groups,
    group_names: own.filter((g: string) => g !== 'all' && g !== 'ungrouped'),
    hostvars,
    play_hosts: play.batch,
    ansible_play_hosts: play.hosts.filter((h) => !run.hosts.get(h)?.failed && !run.hosts.get(h)?.unreachable),
    ansible_play_hosts_all: play.hosts,
    ansible_play_batch: play.batch,
    playbook_dir: run.playbook.dir,
    ansible_check_mode: run.settings.check,
    ansible_diff_mode: run.settings.diff,
    ansible_forks: run.settings.forks,
    ansible_run_tags: run.tags.only.length ? run.tags.only : ['all'],
    ansible_skip_tags: run.tags.skip,
    ansible_verbosity: run.settings.verbosity,
    ...(scope.role ? { role_name: scope.role.name, role_path: scope.role.path } : {}),
  };
}

/** hostvars: every host's variables, built only when a template reads them. */
class LazyHostVars extends Map<string, VarSource> {
  constructor(private readonly build: (name: string) => VarSource | undefined, private readonly names: () => string[]) {
    super();
  }
  override get(name: string): VarSource | undefined {
    let v = super.get(name);
    if (!v) {
      v = this.build(name);
      if (v) super.set(name, v);
    }
    return v;
  }
  override has(name: string): boolean {
    return this.names().includes(name);
  }
  override keys(): MapIterator<string> {
    return this.names()[Symbol.iterator]();
  }
}

export function lazyHostVars(run: RunContext, play: PlayContext, scope: Scope): HostVars {
  const base = { play: scope.play, blocks: [] };
  const view: HostVars = new LazyHostVars(
    (name) => {
      const h = run.hosts.get(name);
      return h ? buildVars(h, base, run.extraVars, magicVars(run, h, play, base, view)) : undefined;
    },
    () => [...run.hosts.keys()],
  );
  return view;
}

export function taskVars(run: RunContext, host: HostState, play: PlayContext, scope: Scope): TaskVars {
  const hostvars = lazyHostVars(run, play, scope);
  return new TaskVars(buildVars(host, scope, run.extraVars, magicVars(run, host, play, scope, hostvars)));
}

// The variables of one render call as handlebars sees them. Templated variables are rendered when
// first read, with the same variables, and remembered for the rest of the call; a variable that
// needs itself is a TEMPLATE_CYCLE. Untemplated variables (host data) are handed over as they are.
import { evaluateDeep } from './evaluate.js';
import { failure, TemplateFailure } from './failure.js';
import { lazyView } from './lazy-view.js';
import type { HostVars, VarSource } from './types.js';

export class RenderState {
  private readonly scopes = new WeakMap<VarSource, Scope>();
  private readonly hostViews = new WeakMap<HostVars, object>();
  /** Variables being rendered right now, outermost first. */
  readonly active: { readonly scope: Scope; readonly name: string }[] = [];

  scope(vars: VarSource, host?: string): Scope {
    let scope = this.scopes.get(vars);
    if (scope === undefined) {
      scope = new Scope(vars, this, host);
      this.scopes.set(vars, scope);
    }
    return scope;
  }

  /** `hostvars` as a dict of hosts, each host's variables rendered in its own scope. */
  hostVars(hosts: HostVars): object {
    let view = this.hostViews.get(hosts);
    if (view === undefined) {
      view = lazyView({
        label: '[hostvars]',
        keys: () => hosts.keys(),
        has: (host) => hosts.get(host) instanceof Map,
        get: (host) => {
          const vars = hosts.get(host);
          return vars instanceof Map ? this.scope(vars, host).context : undefined;
        },
      });
      this.hostViews.set(hosts, view);
    }
    return view;
  }
}

export class Scope {
  readonly context: object;
  private readonly memo = new Map<string, unknown>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly vars: VarSource,
    private readonly state: RenderState,
    readonly host: string | undefined,
  ) {
    this.context = lazyView({
      label: host === undefined ? '[variables]' : `[variables of ${host}]`,
      keys: () => vars.keys(),
      has: (name) => vars.has(name),
      get: (name) => this.get(name),
    });
  }

  get(name: string): unknown {
    const entry = this.vars.get(name);
    if (entry === undefined) return undefined;
    if (name === 'hostvars' && entry.value instanceof Map) return this.state.hostVars(entry.value as HostVars);
    if (!entry.templated) return entry.value;
    if (this.memo.has(name)) return this.memo.get(name);
    if (this.busy.has(name)) throw this.cycle(name);
    this.busy.add(name);
    this.state.active.push({ scope: this, name });
    try {
      const value = evaluateDeep(entry.value, this.context);
      this.memo.set(name, value);
      return value;
    } catch (e) {
      throw this.inVariable(e, name);
    } finally {
      this.busy.delete(name);
      this.state.active.pop();
    }
  }

  private label(name: string): string {
    return this.host === undefined ? name : `${this.host}:${name}`;
  }

  private cycle(name: string): TemplateFailure {
    const active = this.state.active;
    const from = active.findIndex((a) => a.scope === this && a.name === name);
    const chain = [...active.slice(Math.max(from, 0)).map((a) => a.scope.label(a.name)), this.label(name)].join(' → ');
    return failure('TEMPLATE_CYCLE', `variable '${this.label(name)}' depends on itself: ${chain}`, { variable: name }, { explained: true, inVariable: name });
  }

  /** Names the variable whose value failed; positions inside its value would mislead, so they go. */
  private inVariable(e: unknown, name: string): unknown {
    if (!(e instanceof TemplateFailure) || e.detail.inVariable !== undefined) return e;
    const where = this.host === undefined ? `variable '${name}'` : `variable '${name}' of host '${this.host}'`;
    const { line: _line, col: _col, ...rest } = e.error;
    return new TemplateFailure({ ...rest, message: `${e.error.message} (in the value of ${where})` }, { ...e.detail, explained: true, inVariable: name });
  }
}

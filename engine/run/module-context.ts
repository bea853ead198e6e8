// What a module sees of the run on one host: its connection (or the delegate's), check and diff
// mode, become, environment, variables, file lookup and a cancellable sleep.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TaskDef } from '../model/types.js';
import type { ModuleContext } from '../modules/types.js';
import { renderFile } from '../template/index.js';
import { isAnsibleTrue } from '../text/ansible-boolean.js';
import { becomeDefaults, connectionSpec } from './connection-settings.js';
import { inherited } from './effective.js';
import type { HostState, TaskRun } from './run-context.js';
import { isNoLog, renderedText } from './task-result.js';
import { taskVars, type TaskVars } from './task-vars.js';

type Made<T> = { ok: true; value: T } | { ok: false; msg: string };

const CONNECTION_VARS = ['ansible_connection', 'ansible_host', 'ansible_port', 'ansible_user', 'ansible_ssh_user', 'ansible_ssh_private_key_file', 'ansible_private_key_file', 'ansible_password', 'ansible_ssh_pass', 'ansible_timeout', 'deckhand_known_hosts_file', 'host_key_checking', 'ansible_become', 'ansible_become_user', 'ansible_become_password', 'ansible_become_pass'];

/** The host delegate_to names, rendered; undefined when the task is not delegated. */
export function delegateTarget(tr: TaskRun, task: TaskDef, vars: TaskVars): Made<string | undefined> {
  const delegate = inherited(task, tr.lineage, 'delegate_to');
  if (delegate === undefined) return { ok: true, value: undefined };
  const r = vars.render(delegate);
  return r.ok ? { ok: true, value: String(r.value) } : { ok: false, msg: `delegate_to: ${r.error.message}` };
}

export function moduleContext(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Made<ModuleContext> {
  const keyword = inherited(task, tr.lineage, 'connection');
  const fromVars = withRemoteUser(tr, vars.plain(CONNECTION_VARS));
  // The `connection` keyword applies unless the inventory names a connection for the host.
  const plain = keyword !== undefined && fromVars['ansible_connection'] === undefined ? { ...fromVars, ansible_connection: keyword } : fromVars;
  const delegate = delegateTarget(tr, task, vars);
  if (!delegate.ok) return delegate;
  let target = host.name;
  let connVars = plain;
  if (delegate.value !== undefined) {
    target = delegate.value;
    const dh = tr.run.hosts.get(target);
    // A delegate outside the inventory: localhost is the controller itself, anything else an address.
    connVars = dh ? taskVars(tr.run, dh, tr.play, { play: tr.lineage.play, blocks: [] }).plain(CONNECTION_VARS) : target === 'localhost' || target === '127.0.0.1' ? { ansible_connection: 'local' } : { ansible_host: target };
  }
  const spec = connectionSpec(target, connVars, tr.run.settings.controller);
  const bd = becomeDefaults(plain);
  if (bd.options.password) tr.run.redactor.addSecret(bd.options.password);
  const become = inherited(task, tr.lineage, 'become') ?? bd.become;
  const becomeUser = inherited(task, tr.lineage, 'become_user') ?? bd.options.user;
  const checkKw = inherited(task, tr.lineage, 'check_mode');
  const check = checkKw === undefined ? tr.run.settings.check : isAnsibleTrue(typeof checkKw === 'string' ? renderedText(vars, checkKw) : checkKw);
  const env = environment(task, tr, vars);
  if (!env.ok) return env;
  const role = task.role;
  const ctx: ModuleContext = {
    host: host.name,
    conn: tr.run.pool.lazy(spec, host.name, isNoLog(task, tr, vars)),
    check,
    diff: tr.run.settings.diff || inherited(task, tr.lineage, 'diff') === true,
    ...(become ? { become: { ...(becomeUser ? { user: becomeUser } : {}), ...(bd.options.password ? { password: bd.options.password } : {}) } } : {}),
    ...(env.value ? { env: env.value } : {}),
    vars: vars.plain(),
    resolveLocal: (kind, rel) => resolveLocal(tr, role?.path, kind, rel),
    renderTemplate: async (path) => {
      const text = await readFile(path, 'utf8');
      const r = renderFile(text, vars.source, path);
      if (r.ok) return { ok: true, text: r.value };
      // renderFile's message already names the template; add the position and the code.
      const at = r.error.line ? ` (line ${r.error.line}, column ${r.error.col ?? 1})` : '';
      return { ok: false, msg: `${r.error.code}: ${r.error.message}${at}` };
    },
    sleep: (ms) => tr.run.cancel.interruptibleSleep(ms),
    evaluate: (expr) => vars.evaluate(expr),
  };
  return { ok: true, value: ctx };
}

/** The play's remote_user logs in unless the host's variables name a user (as in Ansible). */
function withRemoteUser(tr: TaskRun, vars: Record<string, unknown>): Record<string, unknown> {
  const user = tr.lineage.play.remote_user;
  if (user === undefined || vars['ansible_user'] !== undefined || vars['ansible_ssh_user'] !== undefined) return vars;
  return { ...vars, ansible_user: user };
}

/**
 * `environment` of the play, the enclosing blocks and the task, merged in that order (the task
 * wins a name they share), as Ansible merges them. Each level may be a mapping or a template.
 */
function environment(task: TaskDef, tr: TaskRun, vars: TaskVars): Made<Record<string, string> | undefined> {
  const levels = [tr.lineage.play.environment, ...tr.lineage.blocks.map((b) => b.environment), task.environment].filter((e) => e !== undefined);
  if (levels.length === 0) return { ok: true, value: undefined };
  const out: Record<string, string> = {};
  for (const raw of levels) {
    const r = vars.render(raw);
    if (!r.ok) return { ok: false, msg: `environment: ${r.error.message}` };
    if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) return { ok: false, msg: 'environment must be a mapping' };
    for (const [k, v] of Object.entries(r.value)) out[k] = String(v);
  }
  return { ok: true, value: out };
}

function resolveLocal(tr: TaskRun, rolePath: string | undefined, kind: 'files' | 'templates', rel: string): string | undefined {
  const candidates = rel.startsWith('/') ? [rel] : [...(rolePath ? [join(rolePath, kind, rel), join(rolePath, rel)] : []), resolve(tr.run.playbook.dir, kind, rel), resolve(tr.run.playbook.dir, rel)];
  return candidates.find((p) => existsSyncSafe(p));
}

function existsSyncSafe(p: string): boolean {
  try {
    return existsSync(p);
  } catch {
    return false;
  }
}

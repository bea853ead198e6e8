// One task on one host: conditions, loops, retries, changed_when/failed_when, register, notify.
// Returns a HostResult value for every outcome; nothing a host does can throw past here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TaskDef } from '../model/types.js';
import type { ModuleContext } from '../modules/types.js';
import type { HostResult, ItemResult } from '../report/events.js';
import { NO_LOG_MSG } from '../report/redact.js';
import { renderFile } from '../template/index.js';
import { becomeDefaults, connectionSpec, truthy } from './connection-settings.js';
import { isConnectionFailure } from './connection-pool.js';
import { allConditions, inherited, type Lineage } from './effective.js';
import { callModule, failedOutcome, renderArgs, type ModuleOutcome } from './module-call.js';
import type { HostState, PlayContext, RunContext } from './run-context.js';
import { taskVars, type TaskVars } from './task-vars.js';

export interface TaskRun {
  readonly run: RunContext;
  readonly play: PlayContext;
  readonly lineage: Lineage;
}

export async function executeTask(tr: TaskRun, task: TaskDef, host: HostState): Promise<HostResult> {
  const started = performance.now();
  const finish = (o: Omit<HostResult, 'host' | 'durationMs'>): HostResult => ({ ...o, host: host.name, durationMs: performance.now() - started });
  const scope = { play: tr.lineage.play, blocks: tr.lineage.blocks, task, ...(task.role ? { role: task.role } : {}) };
  const vars = taskVars(tr.run, host, tr.play, scope);
  try {
    if (task.loop === undefined) {
      const when = vars.conditions(allConditions(task, tr.lineage));
      if (!when.ok) return finish(toResult(failedOutcome(when.msg), tr, task, vars));
      if (!when.value) return finish(skipped(task, host));
      const outcome = await runWithRetries(tr, task, host, vars);
      return finish(toResult(outcome, tr, task, vars, host));
    }
    return finish(await runLoop(tr, task, host, vars));
  } catch (e) {
    if (isConnectionFailure(e)) {
      const data = { unreachable: true, changed: false, msg: tr.run.redactor.text(e.message) };
      if (task.register) host.facts[task.register] = data;
      return finish({ status: 'unreachable', changed: false, msg: data.msg, data, ...ignoreUnreachable(task, tr) });
    }
    // A bug in a module must not take the run down: report it on this host only.
    const msg = `internal error in ${task.module}: ${e instanceof Error ? e.message : String(e)}`;
    return finish(toResult(failedOutcome(msg), tr, task, vars, host));
  }
}

function ignoreUnreachable(task: TaskDef, tr: TaskRun): { ignored?: true } {
  return inherited(task, tr.lineage, 'ignore_unreachable') === true ? { ignored: true } : {};
}

function skipped(task: TaskDef, host: HostState): Omit<HostResult, 'host' | 'durationMs'> {
  const data = { changed: false, skipped: true, skip_reason: 'Conditional result was False' };
  if (task.register) host.facts[task.register] = data;
  return { status: 'skipped', changed: false, data };
}

async function runLoop(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Promise<Omit<HostResult, 'host' | 'durationMs'>> {
  const rendered = vars.render(task.loop);
  if (!rendered.ok) return toResult(failedOutcome(`loop: ${rendered.error.message}`), tr, task, vars);
  const items = rendered.value;
  if (!Array.isArray(items)) return toResult(failedOutcome('loop: expected a list'), tr, task, vars);
  const loopVar = task.loop_control?.loop_var ?? 'item';
  const results: Record<string, unknown>[] = [];
  const shown: ItemResult[] = [];
  let changed = false;
  let failed = false;
  const noLog = isNoLog(task, tr, vars);
  for (const [index, item] of items.entries()) {
    if (tr.run.cancel.requested) break;
    const loopVars: Record<string, unknown> = { [loopVar]: item, ansible_loop_var: loopVar };
    if (task.loop_control?.index_var) loopVars[task.loop_control.index_var] = index;
    const iv = taskVars(tr.run, host, tr.play, { play: tr.lineage.play, blocks: tr.lineage.blocks, task, loopVars, ...(task.role ? { role: task.role } : {}) });
    const label = noLog ? '(censored due to no_log)' : itemLabel(task, iv, item);
    const when = iv.conditions(allConditions(task, tr.lineage));
    let o: ModuleOutcome;
    if (!when.ok) o = failedOutcome(when.msg);
    else if (!when.value) o = { changed: false, failed: false, skipped: true, data: { skip_reason: 'Conditional result was False' } };
    else o = await runWithRetries(tr, task, host, iv);
    const r = { ...o.data, changed: o.changed, failed: o.failed, skipped: o.skipped, [loopVar]: item, ansible_loop_var: loopVar, ...(o.msg !== undefined ? { msg: o.msg } : {}) };
    results.push(r);
    changed ||= o.changed;
    failed ||= o.failed;
    shown.push({ label: tr.run.redactor.text(label), status: o.failed ? 'failed' : o.skipped ? 'skipped' : o.changed ? 'changed' : 'ok', changed: o.changed, ...(o.msg && !noLog ? { msg: tr.run.redactor.text(o.msg) } : {}), ...(o.diff && !noLog ? { diff: o.diff } : {}) });
  }
  const allSkipped = results.length > 0 && results.every((r) => r['skipped'] === true);
  const outcome: ModuleOutcome = {
    changed,
    failed,
    skipped: allSkipped || results.length === 0,
    ...(failed ? { msg: 'One or more items failed' } : {}),
    data: { results, ...(results.length === 0 ? { skipped_reason: 'No items in the list' } : {}) },
  };
  const base = toResult(outcome, tr, task, vars, host);
  return { ...base, items: noLog ? shown.map((s) => ({ label: s.label, status: s.status, changed: s.changed })) : shown };
}

function itemLabel(task: TaskDef, vars: TaskVars, item: unknown): string {
  if (task.loop_control?.label !== undefined) {
    const r = vars.render(task.loop_control.label);
    return r.ok ? String(r.value) : task.loop_control.label;
  }
  return typeof item === 'string' ? item : JSON.stringify(item);
}

async function runWithRetries(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Promise<ModuleOutcome> {
  const until = task.until ?? [];
  const retries = until.length ? Number(renderNum(vars, task.retries, 3)) : 0;
  const delay = Number(renderNum(vars, task.delay, 5));
  let attempt = 0;
  for (;;) {
    attempt++;
    let o = await runOnce(tr, task, host, vars);
    o = applyOverrides(task, vars, host, o);
    if (until.length === 0) return o;
    const done = vars.with(task.register, registered(o)).conditions(until);
    if (!done.ok) return failedOutcome(done.msg);
    if (done.value) return { ...o, data: { ...o.data, attempts: attempt } };
    if (attempt > retries || tr.run.cancel.requested) {
      return { ...o, failed: true, msg: o.msg ?? `retries exhausted (${attempt} attempts)`, data: { ...o.data, attempts: attempt } };
    }
    await tr.run.cancel.sleep(delay * 1000);
  }
}

function renderNum(vars: TaskVars, v: number | string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const r = vars.render(v);
  const n = r.ok ? Number(r.value) : NaN;
  return Number.isFinite(n) ? n : dflt;
}

/** changed_when / failed_when, evaluated with the result visible under the register name. */
function applyOverrides(task: TaskDef, vars: TaskVars, host: HostState, o: ModuleOutcome): ModuleOutcome {
  if (!task.changed_when && !task.failed_when) return o;
  const scoped = vars.with(task.register, registered(o));
  let out = o;
  if (task.changed_when) {
    const c = scoped.conditions(task.changed_when);
    if (!c.ok) return failedOutcome(`changed_when: ${c.msg}`, o.data);
    out = { ...out, changed: c.value };
  }
  if (task.failed_when) {
    const f = scoped.conditions(task.failed_when);
    if (!f.ok) return failedOutcome(`failed_when: ${f.msg}`, o.data);
    out = { ...out, failed: f.value, ...(f.value && !out.msg ? { msg: 'failed_when condition was true' } : {}) };
  }
  void host;
  return out;
}

function registered(o: ModuleOutcome): Record<string, unknown> {
  return { ...o.data, changed: o.changed, failed: o.failed, ...(o.skipped ? { skipped: true } : {}), ...(o.msg !== undefined ? { msg: o.msg } : {}) };
}

async function runOnce(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): Promise<ModuleOutcome> {
  const mod = tr.run.modules.get(task.module);
  if (!mod) return failedOutcome(`unknown module ${task.module}`);
  const args = renderArgs(task, vars);
  if (!args.ok) return failedOutcome(args.msg);
  const ctx = moduleContext(tr, task, host, vars);
  if (!ctx.ok) return failedOutcome(ctx.msg);
  return callModule(mod, args.args, ctx.ctx);
}

function moduleContext(tr: TaskRun, task: TaskDef, host: HostState, vars: TaskVars): { ok: true; ctx: ModuleContext } | { ok: false; msg: string } {
  const plain = vars.plain(['ansible_connection', 'ansible_host', 'ansible_port', 'ansible_user', 'ansible_ssh_user', 'ansible_ssh_private_key_file', 'ansible_private_key_file', 'ansible_password', 'ansible_ssh_pass', 'ansible_timeout', 'deckhand_known_hosts_file', 'host_key_checking', 'ansible_become', 'ansible_become_user', 'ansible_become_password', 'ansible_become_pass']);
  let target = host.name;
  let connVars = plain;
  const delegate = inherited(task, tr.lineage, 'delegate_to');
  if (delegate !== undefined) {
    const r = vars.render(delegate);
    if (!r.ok) return { ok: false, msg: `delegate_to: ${r.error.message}` };
    target = String(r.value);
    const dh = tr.run.hosts.get(target);
    connVars = dh ? taskVars(tr.run, dh, tr.play, { play: tr.lineage.play, blocks: [] }).plain(Object.keys(plain)) : target === 'localhost' || target === '127.0.0.1' ? { ansible_connection: 'local' } : { ansible_host: target };
  }
  const spec = connectionSpec(target, connVars, tr.run.env);
  const bd = becomeDefaults(plain);
  if (bd.options.password) tr.run.redactor.addSecret(bd.options.password);
  const become = inherited(task, tr.lineage, 'become') ?? bd.become;
  const becomeUser = inherited(task, tr.lineage, 'become_user') ?? bd.options.user;
  const checkKw = inherited(task, tr.lineage, 'check_mode');
  const check = checkKw === undefined ? tr.run.options.check : truthy(typeof checkKw === 'string' ? renderedText(vars, checkKw) : checkKw);
  const env = environment(task, tr, vars);
  if (!env.ok) return env;
  const role = task.role;
  const ctx: ModuleContext = {
    host: host.name,
    conn: tr.run.pool.lazy(spec, host.name),
    check,
    diff: tr.run.options.diff || inherited(task, tr.lineage, 'diff') === true,
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
    sleep: (ms) => tr.run.cancel.sleep(ms),
    evaluate: (expr) => vars.evaluate(expr),
  };
  return { ok: true, ctx };
}

function renderedText(vars: TaskVars, s: string): string {
  const r = vars.render(s);
  return r.ok ? String(r.value) : s;
}

function environment(task: TaskDef, tr: TaskRun, vars: TaskVars): { ok: true; value?: Record<string, string> } | { ok: false; msg: string } {
  const raw = inherited(task, tr.lineage, 'environment');
  if (raw === undefined) return { ok: true };
  const r = vars.render(raw);
  if (!r.ok) return { ok: false, msg: `environment: ${r.error.message}` };
  if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) return { ok: false, msg: 'environment must be a mapping' };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.value)) out[k] = String(v);
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

function isNoLog(task: TaskDef, tr: TaskRun, vars: TaskVars): boolean {
  const v = inherited(task, tr.lineage, 'no_log');
  if (v === undefined) return false;
  return truthy(typeof v === 'string' ? renderedText(vars, v) : v);
}

/** Final shaping: status, register, facts, no_log censoring, ignore_errors, redaction. */
function toResult(o: ModuleOutcome, tr: TaskRun, task: TaskDef, vars: TaskVars, host?: HostState): Omit<HostResult, 'host' | 'durationMs'> {
  const reg = registered(o);
  if (host && task.register) host.facts[task.register] = reg;
  const facts = o.data['ansible_facts'];
  if (host && !o.failed && facts !== null && typeof facts === 'object' && !Array.isArray(facts)) Object.assign(host.facts, facts);
  const noLog = isNoLog(task, tr, vars);
  const ignoreRaw = inherited(task, tr.lineage, 'ignore_errors');
  const ignored = o.failed && ignoreRaw !== undefined && truthy(typeof ignoreRaw === 'string' ? renderedText(vars, ignoreRaw) : ignoreRaw);
  const status = o.failed ? 'failed' : o.skipped ? 'skipped' : o.changed ? 'changed' : 'ok';
  const red = tr.run.redactor;
  const data = noLog ? { censored: NO_LOG_MSG, changed: o.changed } : (red.value(reg) as Record<string, unknown>);
  const msg = noLog ? (o.failed ? NO_LOG_MSG : undefined) : o.msg !== undefined ? red.text(o.msg) : undefined;
  return {
    status,
    changed: o.changed,
    data,
    ...(msg !== undefined ? { msg } : {}),
    ...(ignored ? { ignored: true } : {}),
    ...(o.diff && !noLog ? { diff: o.diff.map((d) => ({ path: d.path, before: red.text(d.before), after: red.text(d.after) })) } : {}),
    ...(o.unpredictable ? { unpredictable: true } : {}),
  };
}

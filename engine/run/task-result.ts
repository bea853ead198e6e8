// Shaping a module's outcome into a HostResult: the registered value, facts, no_log censoring,
// ignore_errors and redaction. The registered value is the raw one (later tasks need it); what
// events carry is censored and redacted.
import type { TaskDef } from '../model/types.js';
import type { HostResult } from '../report/events.js';
import { NO_LOG_MSG } from '../text/redact.js';
import { isAnsibleTrue } from '../text/ansible-boolean.js';
import { inherited } from './effective.js';
import type { ModuleOutcome } from './module-call.js';
import type { HostState, TaskRun } from './run-context.js';
import type { TaskVars } from './task-vars.js';

export type ResultBody = Omit<HostResult, 'host' | 'durationMs'>;

/** The registered value of an outcome, in Ansible's shape. */
export function registered(o: ModuleOutcome): Record<string, unknown> {
  return { ...o.data, changed: o.changed, failed: o.failed, ...(o.skipped ? { skipped: true } : {}), ...(o.msg !== undefined ? { msg: o.msg } : {}) };
}

/** Stores a registered value on the host, and on every host a run_once result stands for. */
export function store(tr: TaskRun, host: HostState, task: TaskDef, value: unknown): void {
  if (!task.register) return;
  for (const h of [host, ...(tr.shareWith ?? [])]) h.facts[task.register] = value;
}

export function skippedResult(tr: TaskRun, task: TaskDef, host: HostState): ResultBody {
  const data = { changed: false, skipped: true, skip_reason: 'Conditional result was False' };
  store(tr, host, task, data);
  return { status: 'skipped', changed: false, data };
}

export function renderedText(vars: TaskVars, s: string): string {
  const r = vars.render(s);
  return r.ok ? String(r.value) : s;
}

export function isNoLog(task: TaskDef, tr: TaskRun, vars: TaskVars): boolean {
  const v = inherited(task, tr.lineage, 'no_log');
  if (v === undefined) return false;
  return isAnsibleTrue(typeof v === 'string' ? renderedText(vars, v) : v);
}

/** Final shaping: status, register, facts, no_log censoring, ignore_errors, redaction. */
export function toResult(o: ModuleOutcome, tr: TaskRun, task: TaskDef, vars: TaskVars, host?: HostState): ResultBody {
  const reg = registered(o);
  if (host) store(tr, host, task, reg);
  const facts = o.data['ansible_facts'];
  if (host && !o.failed && facts !== null && typeof facts === 'object' && !Array.isArray(facts)) {
    for (const h of [host, ...(tr.shareWith ?? [])]) Object.assign(h.facts, facts);
  }
  const noLog = isNoLog(task, tr, vars);
  const ignoreRaw = inherited(task, tr.lineage, 'ignore_errors');
  const ignored = o.failed && ignoreRaw !== undefined && isAnsibleTrue(typeof ignoreRaw === 'string' ? renderedText(vars, ignoreRaw) : ignoreRaw);
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

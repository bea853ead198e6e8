// Runs one module once on one host: render arguments, validate them, check, apply (unless in
// check mode). Returns an outcome value; connection failures propagate to the caller.
import type { TaskDef } from '../model/types.js';
import type { AnyModule, FileDiff, ModuleContext } from '../modules/types.js';
import { validatorFor } from '../schema/ajv.js';
import type { TaskVars } from './task-vars.js';

export interface ModuleOutcome {
  readonly changed: boolean;
  readonly failed: boolean;
  readonly skipped: boolean;
  readonly msg?: string;
  readonly data: Record<string, unknown>;
  readonly diff?: readonly FileDiff[];
  readonly unpredictable?: boolean;
}

export function failedOutcome(msg: string, data: Record<string, unknown> = {}): ModuleOutcome {
  return { changed: false, failed: true, skipped: false, msg, data: { ...data, msg } };
}

/** Renders each argument separately so a template error names the argument and its line. */
export function renderArgs(task: TaskDef, vars: TaskVars): { ok: true; args: Record<string, unknown> } | { ok: false; msg: string } {
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(task.args)) {
    const r = vars.render(v);
    if (!r.ok) {
      const d = task.origin.at([task.moduleAs, k], r.error.code, r.error.message, r.error.hint);
      const where = d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.col}: ` : '';
      return { ok: false, msg: `${where}${r.error.code}: ${r.error.message}${r.error.hint ? ` (${r.error.hint})` : ''}` };
    }
    args[k] = r.value;
  }
  return { ok: true, args };
}

export async function callModule(mod: AnyModule, args: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleOutcome> {
  const validate = validatorFor(mod.schema);
  if (!validate(args)) {
    const e = validate.errors?.[0];
    return failedOutcome(`${mod.name}: argument ${e?.instancePath || ''} ${e?.message ?? 'is invalid'}`.replace(/\s+/g, ' '));
  }
  const outcome = await mod.check(args, ctx);
  if (outcome.final) return fromResult(outcome.final, outcome.diff);
  if (ctx.check && mod.local !== true) {
    if (outcome.changed === 'unknown') {
      return { changed: false, failed: false, skipped: true, unpredictable: true, msg: outcome.msg ?? 'cannot predict in check mode', data: {} };
    }
    return { changed: outcome.changed, failed: false, skipped: false, ...(outcome.msg ? { msg: outcome.msg } : {}), data: {}, ...(outcome.diff ? { diff: outcome.diff } : {}) };
  }
  // A controller module's check only validates; its apply is the action (pause waits there).
  if (outcome.changed === false && mod.local !== true) return { changed: false, failed: false, skipped: false, ...(outcome.msg ? { msg: outcome.msg } : {}), data: {} };
  const result = await mod.apply(args, ctx, outcome);
  return fromResult(result, outcome.diff);
}

function fromResult(r: import('../modules/types.js').ModuleResult, diff?: readonly FileDiff[]): ModuleOutcome {
  const data: Record<string, unknown> = { ...(r.data ?? {}) };
  for (const s of ['stdout', 'stderr'] as const) {
    const v = data[s];
    if (typeof v === 'string' && data[`${s}_lines`] === undefined) data[`${s}_lines`] = v === '' ? [] : v.replace(/\n$/, '').split('\n');
  }
  const d = r.diff ?? diff;
  return {
    changed: r.changed,
    failed: r.failed === true,
    skipped: r.skipped === true,
    ...(r.msg !== undefined ? { msg: r.msg } : {}),
    data,
    ...(d ? { diff: d } : {}),
  };
}

// Runs a module the way the engine does: validate args (ajv strict, as the engine does), then
// check; in check mode stop there; otherwise return `final`, skip when unchanged, or apply.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { AnyModule, CheckOutcome, Connection, ModuleContext, ModuleResult } from '../../../../engine/modules/types.js';

// The engine's settings (engine/schema/ajv.ts): defaults are not applied, modules apply their own.
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, useDefaults: false });
const compiled = new WeakMap<AnyModule, ReturnType<typeof ajv.compile>>();

export function validateArgs(mod: AnyModule, args: Record<string, unknown>): Record<string, unknown> {
  let validate = compiled.get(mod);
  if (validate === undefined) {
    validate = ajv.compile(mod.schema);
    compiled.set(mod, validate);
  }
  const copy = structuredClone(args);
  if (!validate(copy)) throw new Error(`invalid args for ${mod.name}: ${ajv.errorsText(validate.errors)}`);
  return copy;
}

export interface CtxOptions {
  readonly check?: boolean;
  readonly diff?: boolean;
  readonly vars?: Record<string, unknown>;
  readonly files?: Record<string, string>;
  readonly render?: (path: string) => string;
  readonly env?: Record<string, string>;
}

export function makeCtx(conn: Connection, o: CtxOptions = {}): ModuleContext & { slept: number[] } {
  const slept: number[] = [];
  return {
    host: conn.host,
    conn,
    check: o.check === true,
    diff: o.diff === true,
    vars: o.vars ?? {},
    ...(o.env === undefined ? {} : { env: o.env }),
    slept,
    resolveLocal: (_kind, rel) => o.files?.[rel] ?? (rel.startsWith('/') ? rel : undefined),
    renderTemplate: async (path) => (o.render === undefined ? { ok: false, msg: 'no renderer' } : { ok: true, text: o.render(path) }),
    sleep: async (ms) => {
      slept.push(ms);
      await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
    },
  };
}

export interface TaskRun {
  readonly outcome: CheckOutcome;
  readonly result: ModuleResult;
}

export async function runTask(mod: AnyModule, args: Record<string, unknown>, ctx: ModuleContext): Promise<TaskRun> {
  const valid = validateArgs(mod, args);
  const outcome = await mod.check(valid, ctx);
  if (outcome.final !== undefined) return { outcome, result: outcome.final };
  if (ctx.check || outcome.changed === false) {
    const changed = outcome.changed === true;
    return { outcome, result: { changed, ...(outcome.msg === undefined ? {} : { msg: outcome.msg }), ...(outcome.diff === undefined ? {} : { diff: outcome.diff }) } };
  }
  return { outcome, result: await mod.apply(valid, ctx, outcome) };
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'deckhand-modules-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

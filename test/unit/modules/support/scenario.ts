// The idempotence table every file-touching module goes through on a real temp directory:
// check mode predicts a change and leaves the tree alone, the first run changes it, the second
// run and a second check report no change.
import assert from 'node:assert/strict';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyModule, ModuleResult } from '../../../../engine/modules/types.js';
import { localConnection } from './local-connection.js';
import { makeCtx, runTask, type CtxOptions } from './harness.js';

/** Path → type, mode and content (or link target) of everything under dir. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (p: string, rel: string): Promise<void> => {
    const st = await lstat(p);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[rel] = `link ${await readlink(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const name of (await readdir(p)).sort()) await walk(join(p, name), `${rel}/${name}`);
    } else out[rel] = `file ${mode} ${(await readFile(p)).toString('base64')}`;
  };
  await walk(dir, '.');
  return out;
}

export interface Scenario {
  readonly mod: AnyModule;
  readonly args: Record<string, unknown>;
  readonly ctx?: CtxOptions;
  /** When the first run is expected to change nothing (already in the desired state). */
  readonly expectChanged?: boolean;
}

export interface ScenarioRuns {
  readonly checkFirst: ModuleResult;
  readonly first: ModuleResult;
  readonly second: ModuleResult;
}

export async function idempotent(dir: string, s: Scenario): Promise<ScenarioRuns> {
  const conn = localConnection(s.ctx?.env ?? {});
  const expect = s.expectChanged ?? true;
  const before = await snapshot(dir);
  const checkFirst = (await runTask(s.mod, s.args, makeCtx(conn, { ...s.ctx, check: true, diff: true }))).result;
  assert.equal(checkFirst.failed ?? false, false, `check mode failed: ${checkFirst.msg ?? ''}`);
  assert.equal(checkFirst.changed, expect, 'check mode predicts the first run');
  assert.deepEqual(await snapshot(dir), before, 'check mode changes nothing');
  const first = (await runTask(s.mod, s.args, makeCtx(conn, { ...s.ctx, diff: true }))).result;
  assert.equal(first.failed ?? false, false, `first run failed: ${first.msg ?? ''}`);
  assert.equal(first.changed, expect, 'first run');
  const second = (await runTask(s.mod, s.args, makeCtx(conn, { ...s.ctx, diff: true }))).result;
  assert.equal(second.failed ?? false, false, `second run failed: ${second.msg ?? ''}`);
  assert.equal(second.changed, false, 'second run changes nothing');
  const checkAgain = (await runTask(s.mod, s.args, makeCtx(conn, { ...s.ctx, check: true }))).result;
  assert.equal(checkAgain.changed, false, 'check mode after the run predicts no change');
  return { checkFirst, first, second };
}

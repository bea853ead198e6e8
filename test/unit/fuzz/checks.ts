// What every property here asserts about a failure: a known-shaped code, a message, and a
// position (when given) that lies inside the file it names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../../engine/errors/diagnostic.js';

/** Replay a failure with FC_SEED=<seed> (fast-check prints the seed and the path). */
export const SEED = Number(process.env['FC_SEED'] ?? 20260720);
/** Per input. Generous for slow shared CI machines; a runaway parse takes far longer. */
export const TIME_BOUND_MS = 2_000;
export const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

export async function timed<T>(run: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const out = await run();
  const ms = performance.now() - start;
  assert.ok(ms < TIME_BOUND_MS, `took ${ms.toFixed(0)} ms`);
  return out;
}

/** `texts` maps file names to contents for files whose text the test knows; others are read. */
export function checkDiagnostics(ds: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void {
  assert.ok(ds.length > 0, 'a failure carries at least one diagnostic');
  for (const d of ds) {
    assert.match(d.code, /^[A-Z][A-Z0-9_]*$/, `code ${JSON.stringify(d.code)}`);
    assert.equal(typeof d.message, 'string');
    assert.ok(d.message.length > 0, `${d.code} has an empty message`);
    assert.doesNotMatch(d.message, STACK_TRACE);
    if (!d.pos) continue;
    const text = texts.get(d.pos.file) ?? readText(d.pos.file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    assert.ok(Number.isInteger(d.pos.line) && d.pos.line >= 1 && d.pos.line <= lines.length, `${d.code}: line ${d.pos.line} outside 1..${lines.length}`);
    const lineLength = (lines[d.pos.line - 1] ?? '').length;
    assert.ok(Number.isInteger(d.pos.col) && d.pos.col >= 1 && d.pos.col <= lineLength + 1, `${d.code}: ${d.pos.line}:${d.pos.col} past the line's end (${lineLength})`);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

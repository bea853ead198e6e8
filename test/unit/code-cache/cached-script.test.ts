import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import cachedScript from '../../../engine/code-cache/cached-script.cjs';

const moduleFile = fileURLToPath(new URL('../../../engine/code-cache/cached-script.cjs', import.meta.url));

/**
 * Loads in a fresh process (and writes the cache when asked): within one process V8 reuses what
 * it compiled before for the same source and would not look at the cache at all, and a cache is
 * only good for the V8 flags it was made with (this test process may have others).
 */
async function loadInChild(file: string, write = false): Promise<{ cacheUsed: boolean; answer: string }> {
  const script = `const l = require(${JSON.stringify(moduleFile)}).loadCachedScript(${JSON.stringify(file)});
    const answer = l.exports.answer(); if (${String(write)}) l.writeCache();
    console.log(JSON.stringify({ cacheUsed: l.cacheUsed, answer }));`;
  const r = await execa(process.execPath, ['-e', script], { env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(r.stdout) as { cacheUsed: boolean; answer: string };
}

/** A CommonJS module whose answer says which source ran; both sources have the same length. */
const SOURCE_A = "module.exports = { answer: () => 'aaaa', dir: __dirname, req: typeof require };\n";
const SOURCE_B = "module.exports = { answer: () => 'bbbb', dir: __dirname, req: typeof require };\n";

describe('code-cache: cached-script', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deckhand-cc-'));
    file = join(dir, 'm.cjs');
    writeFileSync(file, SOURCE_A);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const answer = (exports: unknown): string => (exports as { answer: () => string }).answer();

  it('runs the file as CommonJS: exports, __dirname and require', () => {
    const loaded = cachedScript.loadCachedScript(file);
    assert.equal(answer(loaded.exports), 'aaaa');
    assert.deepEqual({ ...(loaded.exports as object), answer: undefined }, { answer: undefined, dir, req: 'function' });
    assert.equal(loaded.cacheUsed, false);
  });

  it('writeCache writes the digest and V8 data', () => {
    const loaded = cachedScript.loadCachedScript(file);
    answer(loaded.exports);
    const bytes = loaded.writeCache();
    assert.ok(bytes > 0);
    assert.equal(readFileSync(cachedScript.cacheFileOf(file)).length, 32 + bytes);
  });

  it('a written cache is used by the next load', async () => {
    assert.deepEqual(await loadInChild(file, true), { cacheUsed: false, answer: 'aaaa' });
    assert.deepEqual(await loadInChild(file), { cacheUsed: true, answer: 'aaaa' });
  });

  const spoiled: [string, (cache: Buffer) => Buffer | undefined][] = [
    ['the source changed to other code of the same length', () => undefined],
    ['the cache is cut short', (c) => c.subarray(0, 40)],
    ['the cache is empty', () => Buffer.alloc(0)],
    ['the digest does not match', (c) => Buffer.concat([Buffer.alloc(32, 1), c.subarray(32)])],
    ['the V8 data is garbage', (c) => Buffer.concat([c.subarray(0, 32), Buffer.alloc(c.length - 32, 7)])],
  ];
  for (const [what, spoil] of spoiled) {
    it(`a cache is ignored, and the file compiled as usual, when ${what}`, async () => {
      await loadInChild(file, true);
      const cacheFile = cachedScript.cacheFileOf(file);
      const changed = spoil(readFileSync(cacheFile));
      if (changed === undefined) writeFileSync(file, SOURCE_B);
      else writeFileSync(cacheFile, changed);
      assert.deepEqual(await loadInChild(file), { cacheUsed: false, answer: changed === undefined ? 'bbbb' : 'aaaa' });
    });
  }
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { staleOutputs } from '../../../engine/cli/prune-stale-build.js';

describe('prune-stale-build', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'deckhand-prune-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function touch(rel: string): void {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), '');
  }

  const cases: readonly { name: string; sources: readonly string[]; outputs: readonly string[]; stale: readonly string[] }[] = [
    { name: 'a compiled file with its source stays', sources: ['engine/a.ts'], outputs: ['engine/a.js'], stale: [] },
    { name: 'a moved test is removed from its old place', sources: ['test/unit/text/q.test.ts'], outputs: ['test/unit/text/q.test.js', 'test/unit/connection/q.test.js'], stale: ['test/unit/connection/q.test.js'] },
    { name: '.cjs is matched with .cts', sources: ['engine/c/s.cts'], outputs: ['engine/c/s.cjs', 'engine/c/gone.cjs'], stale: ['engine/c/gone.cjs'] },
    { name: 'later build steps are kept', sources: [], outputs: ['engine/schema/validators.generated.cjs', 'engine/bundle/deckhand.cjs', 'engine/bundle/deckhand.cjs.cache'], stale: [] },
    { name: 'folders tsc does not compile are left alone', sources: [], outputs: ['other/x.js', '.tsbuildinfo'], stale: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const s of c.sources) touch(s);
      for (const o of c.outputs) touch(join('dist', o));
      assert.deepEqual(staleOutputs(join(root, 'dist'), root), [...c.stale].sort());
    });
  }
});

import { strict as assert } from 'node:assert';
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageDeb } from '../../../lab/packages/deb-builder.js';
import { packageSpecs } from '../../../lab/packages/package-specs.js';

/** Regular files under `dir` with their link counts. */
async function linkCounts(dir: string): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push([path, (await lstat(path)).nlink]);
  }
  return out;
}

describe('lab .deb staging', function () {
  this.timeout(60_000);
  let work = '';
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'dh-stage-test-'));
  });
  after(async () => rm(work, { recursive: true, force: true }));

  // dpkg-deb's tar fails ("file changed as we read it") when another name of
  // a file it reads is linked or unlinked meanwhile, as happened when every
  // stage hard-linked one runtime tree and finished stages were removed.
  it('gives every staged file its own inode, so packing one package never sees another staged or removed', async () => {
    const specs = packageSpecs().filter((s) => s.runtime !== undefined).slice(0, 3);
    assert.equal(specs.length, 3);
    const stages = await Promise.all(specs.map((spec) => stageDeb(spec, work)));
    for (const stage of stages) {
      const counts = await linkCounts(join(stage, 'usr/lib/deckhand-lab'));
      assert.ok(counts.length > 50, `${stage}: only ${counts.length} runtime files`);
      const shared = counts.filter(([, n]) => n !== 1);
      assert.deepEqual(shared, [], `${stage}: files with other names`);
    }
  });
});

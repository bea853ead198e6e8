// The tooling layer and repositories: built once through the package
// builder, cached by content, copied into each lab's layer tmpfs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareArtifacts } from '../../lab/lab-artifacts.js';
import { mountsUnder } from '../../lab/lab-down.js';
import { currentUid } from '../../lab/preflight.js';
import { run } from '../../lab/run-command.js';

// A stand-in builder that counts its runs in a file outside its own folder
// (its folder is part of the cache key).
const FAKE_BUILDER = `import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const counter = new URL('../runs.txt', import.meta.url);
export async function buildLabLayer(dir) {
  await appendFile(counter, 'layer\\n');
  await mkdir(join(dir, 'usr/local/sbin'), { recursive: true });
  await writeFile(join(dir, 'usr/local/sbin/systemctl'), '#!/bin/sh\\necho double\\n', { mode: 0o755 });
}
export async function buildLabRepos(dir) {
  await appendFile(counter, 'repo\\n');
  await writeFile(join(dir, 'Release'), 'Origin: fake\\n');
}
`;

describe('lab artifacts (root)', function () {
  this.timeout(30_000);
  let base: string;
  let builderUrl: URL;
  const notes: string[] = [];
  const log = (line: string): void => void notes.push(line);

  before(async function () {
    if (currentUid() !== 0) {
      console.log('      skipped: mounting the layer tmpfs needs root');
      this.skip();
    }
    base = await mkdtemp(join(tmpdir(), 'deckhand-artifacts-test-'));
    await mkdir(join(base, 'builder'));
    await writeFile(join(base, 'builder', 'build.js'), FAKE_BUILDER);
    builderUrl = pathToFileURL(join(base, 'builder', 'build.js'));
  });

  after(async function () {
    if (!base) return;
    for (const target of await mountsUnder(base)) await run('umount', [target], { check: false });
    if ((await mountsUnder(base)).length === 0) await rm(base, { recursive: true, force: true });
  });

  it('builds once, then serves every further lab from the cache', async () => {
    for (const lab of ['one', 'two']) {
      const stateDir = join(base, lab);
      await mkdir(stateDir);
      await prepareArtifacts({ stateDir, baseDir: base, log, builderUrl });
      assert.equal(await readFile(join(stateDir, 'layer', 'usr/local/sbin/systemctl'), 'utf8'), '#!/bin/sh\necho double\n');
      assert.equal(await readFile(join(stateDir, 'repo', 'Release'), 'utf8'), 'Origin: fake\n');
      assert.match(await readlink(join(stateDir, 'repo')), /\.cache\/[0-9a-f]{16}\/repo$/);
    }
    assert.equal(await readFile(join(base, 'runs.txt'), 'utf8'), 'layer\nrepo\n');
  });

  it('puts each lab\'s layer on its own tmpfs (overlayfs needs it off the root filesystem)', async () => {
    const mounts = await mountsUnder(base);
    assert.ok(mounts.includes(join(base, 'one', 'layer')));
    assert.ok(mounts.includes(join(base, 'two', 'layer')));
  });

  it('notes a missing builder and goes on with an empty layer and repository', async () => {
    const stateDir = join(base, 'three');
    await mkdir(stateDir);
    notes.length = 0;
    await prepareArtifacts({ stateDir, baseDir: base, log, builderUrl: pathToFileURL(join(base, 'nowhere', 'build.js')) });
    assert.match(notes.join('\n'), /is not built/);
    assert.equal(existsSync(join(stateDir, 'repo')), true);
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stat } from '../../../engine/modules/stat.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';

type StatData = Record<string, unknown>;

async function statOf(args: Record<string, unknown>, check = false): Promise<StatData> {
  const r = await runTask(stat, args, makeCtx(localConnection(), { check }));
  assert.equal(r.result.changed, false);
  assert.equal(r.result.failed, undefined, r.result.msg);
  return r.result.data?.['stat'] as StatData;
}

describe('modules/stat', () => {
  it('describes a regular file, with sha1 by default (also in check mode)', () =>
    withTempDir(async (d) => {
      const p = join(d, 'f');
      await writeFile(p, 'data');
      await chmod(p, 0o640);
      for (const check of [false, true]) {
        const s = await statOf({ path: p }, check);
        assert.equal(s['exists'], true);
        assert.equal(s['isreg'], true);
        assert.equal(s['isdir'], false);
        assert.equal(s['mode'], '0640');
        assert.equal(s['size'], 4);
        assert.equal(s['checksum'], createHash('sha1').update('data').digest('hex'));
        assert.equal(s['rusr'], true);
        assert.equal(s['roth'], false);
      }
    }),
  );

  it('uses checksum_algorithm and get_checksum', () =>
    withTempDir(async (d) => {
      const p = join(d, 'f');
      await writeFile(p, 'data');
      assert.equal((await statOf({ path: p, checksum_algorithm: 'sha256' }))['checksum'], createHash('sha256').update('data').digest('hex'));
      assert.equal((await statOf({ path: p, get_checksum: false }))['checksum'], undefined);
    }),
  );

  it('reports a missing path as exists=false', () => withTempDir(async (d) => assert.deepEqual(await statOf({ path: join(d, 'nope') }), { exists: false })));

  it('describes links without and with follow', () =>
    withTempDir(async (d) => {
      await mkdir(join(d, 'dir'));
      await symlink(join(d, 'dir'), join(d, 'ln'));
      const s = await statOf({ path: join(d, 'ln') });
      assert.equal(s['islnk'], true);
      assert.equal(s['lnk_target'], join(d, 'dir'));
      assert.equal(s['lnk_source'], join(d, 'dir'));
      const f = await statOf({ path: join(d, 'ln'), follow: true });
      assert.equal(f['islnk'], false);
      assert.equal(f['isdir'], true);
    }),
  );
});

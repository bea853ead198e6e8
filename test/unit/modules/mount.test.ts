import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editFstab, formatEntry, mount, parseEntry, parseMounts, type FstabEntry } from '../../../engine/modules/mount.js';
import { fakeConnection, probeOutput } from './support/fake-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

// Sources and mount points below exist nowhere, so no real mount or swap is ever touched.
const FSTAB = `# <file system> <mount point> <type> <options> <dump> <pass>
UUID=root / ext4 errors=remount-ro 0 1
/deckhand-test.img\tnone\tswap\tsw\t0\t0
`;
const data: FstabEntry = { src: '/dev/deckhand-test', path: '/srv/deckhand test', fstype: 'ext4', opts: 'defaults', dump: '0', passno: '2' };

describe('modules/mount', () => {
  it('parses and formats entries with octal escapes', () => {
    const line = formatEntry(data);
    assert.equal(line, '/dev/deckhand-test /srv/deckhand\\040test ext4 defaults 0 2\n');
    assert.deepEqual(parseEntry(line), data);
    assert.equal(parseEntry('# comment'), undefined);
  });

  const table: [string, string, string, FstabEntry | undefined, string | undefined, string][] = [
    ['adds a missing entry', FSTAB, data.path, data, undefined, `${FSTAB}${formatEntry(data)}`],
    ['keeps an equal entry as written', `${FSTAB}/dev/deckhand-test\t/srv/deckhand\\040test\text4\tdefaults\t0\t2\n`, data.path, data, undefined, `${FSTAB}/dev/deckhand-test\t/srv/deckhand\\040test\text4\tdefaults\t0\t2\n`],
    ['replaces a different entry', `${FSTAB}/dev/old /srv/deckhand\\040test ext4 ro 0 0\n`, data.path, data, undefined, `${FSTAB}${formatEntry(data)}`],
    ['removes swap lines by mount point none and fstype swap', FSTAB, 'none', undefined, 'swap', FSTAB.replace('/deckhand-test.img\tnone\tswap\tsw\t0\t0\n', '')],
    ['fstype narrows removal', `${FSTAB}tmpfs none tmpfs defaults 0 0\n`, 'none', undefined, 'swap', `${FSTAB.replace('/deckhand-test.img\tnone\tswap\tsw\t0\t0\n', '')}tmpfs none tmpfs defaults 0 0\n`],
  ];
  for (const [name, text, path, want, fstype, expected] of table) it(name, () => assert.equal(editFstab(text, path, want, fstype).text, expected));

  it('reads /proc/mounts and /proc/swaps', () => {
    const live = parseMounts('/dev/sda1 / ext4 rw 0 0\ntmpfs /run/a\\040b tmpfs rw 0 0\n', 'Filename Type Size Used Priority\n/swap.img file 1 0 -2\n');
    assert.ok(live.mounted.has('/run/a b'));
    assert.ok(live.swaps.has('/swap.img'));
  });

  it('state=absent for swap: edits fstab and swaps off only what is active', async () => {
    const conn = fakeConnection([
      { match: ['/proc/mounts'], result: { stdout: `/dev/sda1 / ext4 rw 0 0\n@@swaps\nFilename Type Size Used Priority\n/deckhand-test.img file 1 0 -2\n@@fstab\n${probeOutput({ content: FSTAB })}` } },
    ]);
    const r = await runTask(mount, { path: 'none', fstype: 'swap', state: 'absent' }, makeCtx(conn, { check: true, diff: true }));
    assert.equal(r.result.changed, true);
    assert.equal(r.result.diff?.[0]?.after, FSTAB.replace('/deckhand-test.img\tnone\tswap\tsw\t0\t0\n', ''));
    assert.deepEqual((r.outcome.plan as { actions: unknown }).actions, [['swapoff', '/deckhand-test.img']]);
  });

  it('state=present and absent on a real fstab file', () =>
    withTempDir(async (d) => {
      const fstab = join(d, 'fstab');
      await writeFile(fstab, FSTAB);
      await idempotent(d, { mod: mount, args: { path: data.path, src: data.src, fstype: 'ext4', passno: 2, state: 'present', fstab } });
      assert.equal(await readFile(fstab, 'utf8'), `${FSTAB}${formatEntry(data)}`);
      await idempotent(d, { mod: mount, args: { path: 'none', fstype: 'swap', state: 'absent', fstab } });
      assert.doesNotMatch(await readFile(fstab, 'utf8'), /swap/);
    }),
  );
});

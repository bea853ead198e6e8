import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editReplace, replace, type ReplaceSpec } from '../../../engine/modules/replace.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

const FSTAB = `# /etc/fstab
UUID=abc / ext4 defaults 0 1
/swap.img\tnone\tswap\tsw\t0\t0
/dev/sdb1 none swap sw 0 0
`;
const SWAP_OFF: ReplaceSpec = { regexp: '^([^#].*\\sswap\\s.*)$', replace: '# \\1' };

const table: [string, string, ReplaceSpec, string, string][] = [
  ['comments out swap lines (Python \\1)', FSTAB, SWAP_OFF, FSTAB.replace('/swap.img', '# /swap.img').replace('/dev/sdb1', '# /dev/sdb1'), '2 replacements made'],
  ['no match, no change', 'a\n', { regexp: '^b', replace: 'c' }, 'a\n', ''],
  ['named group \\g<name>', 'port=1\n', { regexp: '^port=(?P<n>\\d)$', replace: 'port=\\g<n>0' }, 'port=10\n', '1 replacements made'],
  ['only after a marker', 'x\n[b]\nx\n', { regexp: '^x$', replace: 'y', after: '\\[b\\]' }, 'x\n[b]\ny\n', '1 replacements made'],
  ['only before a marker', 'x\n[b]\nx\n', { regexp: '^x$', replace: 'y', before: '\\[b\\]' }, 'y\n[b]\nx\n', '1 replacements made'],
  ['between markers', 'x\n<\nx\n>\nx\n', { regexp: '^x$', replace: 'y', after: '<', before: '>' }, 'x\n<\ny\n>\nx\n', '1 replacements made'],
  ['a replacement equal to the match is no change', 'a\n', { regexp: 'a', replace: 'a' }, 'a\n', ''],
];

describe('modules/replace', () => {
  for (const [name, text, spec, want, msg] of table) {
    it(name, () => {
      const r = editReplace(text, spec);
      assert.ok(!('error' in r));
      assert.equal(r.text, want);
      assert.equal(r.msg, msg);
    });
  }

  it('disables swap in a real fstab copy, idempotently', () =>
    withTempDir(async (d) => {
      const path = join(d, 'fstab');
      await writeFile(path, FSTAB);
      await idempotent(d, { mod: replace, args: { path, ...SWAP_OFF } });
      assert.doesNotMatch(await readFile(path, 'utf8'), /^[^#].*\sswap\s/m);
    }),
  );

  it('fails on a missing file', async () => {
    const r = await runTask(replace, { path: '/nonexistent/fstab', regexp: 'x' }, makeCtx(localConnection()));
    assert.equal(r.result.failed, true);
    assert.match(r.result.msg ?? '', /does not exist/);
  });
});

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editLines, lineinfile, type LineSpec } from '../../../engine/modules/lineinfile.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

// [name, file text, spec, expected text, expected msg]
const table: [string, string, Partial<LineSpec>, string, string][] = [
  ['appends at EOF when nothing matches', 'a\nb\n', { line: 'c' }, 'a\nb\nc\n', 'line added'],
  ['adds the missing final newline first', 'a', { line: 'c' }, 'a\nc\n', 'line added'],
  ['exact line already there', 'a\nc\nb\n', { line: 'c' }, 'a\nc\nb\n', ''],
  ['regexp replaces the last match', 'x=1\ny\nx=2\n', { regexp: '^x=', line: 'x=9' }, 'x=1\ny\nx=9\n', 'line replaced'],
  ['regexp with firstmatch replaces the first', 'x=1\ny\nx=2\n', { regexp: '^x=', line: 'x=9', firstmatch: true }, 'x=9\ny\nx=2\n', 'line replaced'],
  ['regexp already satisfied', 'x=9\n', { regexp: '^x=', line: 'x=9' }, 'x=9\n', ''],
  ['search_string replaces the containing line', 'PermitRootLogin yes\n', { search_string: 'PermitRootLogin', line: 'PermitRootLogin no' }, 'PermitRootLogin no\n', 'line replaced'],
  ['insertafter a regexp (last match)', 'a\n[s]\nb\n[s]\nc\n', { line: 'k=v', insertafter: '^\\[s\\]' }, 'a\n[s]\nb\n[s]\nk=v\nc\n', 'line added'],
  ['insertafter with firstmatch', 'a\n[s]\nb\n[s]\nc\n', { line: 'k=v', insertafter: '^\\[s\\]', firstmatch: true }, 'a\n[s]\nk=v\nb\n[s]\nc\n', 'line added'],
  ['insertbefore a regexp', 'a\nb\n', { line: 'z', insertbefore: '^b' }, 'a\nz\nb\n', 'line added'],
  ['insertbefore BOF', 'a\n', { line: 'z', insertbefore: 'BOF' }, 'z\na\n', 'line added'],
  ['insertafter an anchor that is missing falls back to EOF', 'a\n', { line: 'z', insertafter: '^nope' }, 'a\nz\n', 'line added'],
  ['regexp wins over insertafter when it matches', 'x=1\nanchor\n', { regexp: '^x=', line: 'x=2', insertafter: 'anchor' }, 'x=2\nanchor\n', 'line replaced'],
  ['backrefs expand groups', 'GRUB_CMDLINE="quiet"\n', { regexp: '^GRUB_CMDLINE="(quiet)"$', line: 'GRUB_CMDLINE="\\1 splash"', backrefs: true }, 'GRUB_CMDLINE="quiet splash"\n', 'line replaced'],
  ['backrefs with no match leaves the file', 'a\n', { regexp: '^x=(.*)', line: 'x=\\1', backrefs: true }, 'a\n', ''],
  ['named groups in Python syntax', 'port 22\n', { regexp: '^port (?P<n>\\d+)$', line: 'Port \\g<n>', backrefs: true }, 'Port 22\n', 'line replaced'],
  ['absent by regexp removes every match', 'swap1\nkeep\nswap2\n', { state: 'absent', regexp: '^swap' }, 'keep\n', '2 line(s) removed'],
  ['absent by exact line', 'a\nb\n', { state: 'absent', line: 'b' }, 'a\n', '1 line(s) removed'],
  ['absent when nothing matches', 'a\n', { state: 'absent', line: 'b' }, 'a\n', ''],
];

describe('modules/lineinfile', () => {
  describe('editLines', () => {
    for (const [name, text, spec, want, msg] of table) {
      it(name, () => {
        const r = editLines(text, { state: 'present', ...spec });
        assert.ok(!('error' in r));
        assert.equal(r.text, want);
        assert.equal(r.msg, msg);
        // Applying the same spec to the result changes nothing: the edit is idempotent.
        const again = editLines(r.text, { state: 'present', ...spec });
        assert.ok(!('error' in again));
        assert.equal(again.text, r.text);
      });
    }
    it('reports an invalid regexp', () => assert.ok('error' in editLines('a', { state: 'present', regexp: '(', line: 'x' })));
  });

  it('edits a real file: check, run, run again', () =>
    withTempDir(async (d) => {
      const path = join(d, 'sshd_config');
      await writeFile(path, '#PermitRootLogin yes\nUsePAM yes\n');
      const r = await idempotent(d, { mod: lineinfile, args: { path, regexp: '^#?PermitRootLogin', line: 'PermitRootLogin no', backup: true } });
      assert.equal(await readFile(path, 'utf8'), 'PermitRootLogin no\nUsePAM yes\n');
      assert.deepEqual(r.checkFirst.diff, [{ path, before: '#PermitRootLogin yes\nUsePAM yes\n', after: 'PermitRootLogin no\nUsePAM yes\n' }]);
      assert.equal(r.first.msg, 'line replaced');
      assert.equal(typeof r.first.data?.['backup'], 'string');
    }),
  );

  it('creates the file with create=true and a mode', () =>
    withTempDir(async (d) => {
      const path = join(d, 'new.conf');
      await idempotent(d, { mod: lineinfile, args: { path, line: 'k=v', create: true, mode: '0600' } });
      assert.equal(await readFile(path, 'utf8'), 'k=v\n');
    }),
  );

  it('fails on a missing file without create, and is unchanged for absent', () =>
    withTempDir(async (d) => {
      const conn = localConnection();
      const missing = await runTask(lineinfile, { path: join(d, 'nope'), line: 'x' }, makeCtx(conn));
      assert.equal(missing.result.failed, true);
      assert.match(missing.result.msg ?? '', /does not exist/);
      const absent = await runTask(lineinfile, { path: join(d, 'nope'), line: 'x', state: 'absent' }, makeCtx(conn));
      assert.equal(absent.result.changed, false);
      assert.equal(absent.result.failed, undefined);
    }),
  );
});

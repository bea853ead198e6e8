import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { blockinfile, DEFAULT_MARKER, editBlock, type BlockSpec } from '../../../engine/modules/blockinfile.js';
import { withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

const B = '# BEGIN ANSIBLE MANAGED BLOCK\n';
const E = '# END ANSIBLE MANAGED BLOCK\n';
const base: BlockSpec = { block: 'x\ny', marker: DEFAULT_MARKER, markerBegin: 'BEGIN', markerEnd: 'END', state: 'present' };

const table: [string, string, Partial<BlockSpec>, string, string][] = [
  ['appended at EOF', 'a\n', {}, `a\n${B}x\ny\n${E}`, 'Block inserted'],
  ['appended after a line without newline', 'a', {}, `a\n${B}x\ny\n${E}`, 'Block inserted'],
  ['inserted at BOF', 'a\n', { insertbefore: 'BOF' }, `${B}x\ny\n${E}a\n`, 'Block inserted'],
  ['inserted after the last anchor match', 'k\na\nk\nb\n', { insertafter: '^k' }, `k\na\nk\n${B}x\ny\n${E}b\n`, 'Block inserted'],
  ['inserted before an anchor', 'a\nb\n', { insertbefore: '^b' }, `a\n${B}x\ny\n${E}b\n`, 'Block inserted'],
  ['updated in place', `a\n${B}old\n${E}b\n`, {}, `a\n${B}x\ny\n${E}b\n`, 'Block inserted'],
  ['already there', `a\n${B}x\ny\n${E}`, {}, `a\n${B}x\ny\n${E}`, ''],
  ['removed with state=absent', `a\n${B}x\n${E}b\n`, { state: 'absent' }, 'a\nb\n', 'Block removed'],
  ['removed with an empty block', `a\n${B}x\n${E}`, { block: '' }, 'a\n', 'Block removed'],
  ['custom markers', 'a\n', { marker: '// {mark} app', markerBegin: 'start', markerEnd: 'stop', block: 'z\n' }, 'a\n// start app\nz\n// stop app\n', 'Block inserted'],
];

describe('modules/blockinfile', () => {
  for (const [name, text, spec, want, msg] of table) {
    it(name, () => {
      const r = editBlock(text, { ...base, ...spec });
      assert.ok(!('error' in r));
      assert.equal(r.text, want);
      assert.equal(r.msg, msg);
      const again = editBlock(r.text, { ...base, ...spec });
      assert.ok(!('error' in again));
      assert.equal(again.text, r.text);
    });
  }

  it('manages a block in a real file', () =>
    withTempDir(async (d) => {
      const path = join(d, 'hosts');
      await writeFile(path, '127.0.0.1 localhost\n');
      await idempotent(d, { mod: blockinfile, args: { path, block: '10.0.0.1 master\n10.0.0.2 worker1', marker: '# {mark} deckhand lab' } });
      assert.equal(await readFile(path, 'utf8'), '127.0.0.1 localhost\n# BEGIN deckhand lab\n10.0.0.1 master\n10.0.0.2 worker1\n# END deckhand lab\n');
    }),
  );
});

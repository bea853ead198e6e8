import assert from 'node:assert/strict';
import { unifiedDiff } from '../../../../engine/modules/support/unified-diff.js';

describe('modules/support/unified-diff', () => {
  it('is empty for equal texts', () => assert.equal(unifiedDiff('a\n', 'a\n'), ''));

  it('shows one changed line with context', () => {
    assert.equal(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', '/etc/x'), ['--- before: /etc/x', '+++ after: /etc/x', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', ''].join('\n'));
  });

  it('creates a file from nothing', () => {
    assert.equal(unifiedDiff('', 'x\ny\n'), ['--- before', '+++ after', '@@ -0,0 +1,2 @@', '+x', '+y', ''].join('\n'));
  });

  it('splits distant changes into hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
    const after = before.replace('l1\n', 'L1\n').replace('l18\n', 'L18\n');
    const hunks = unifiedDiff(before, after).split('\n').filter((l) => l.startsWith('@@'));
    assert.deepEqual(hunks, ['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
  });

  it('marks a missing final newline', () => assert.match(unifiedDiff('a', 'a\n'), /\\ No newline at end of file/));

  it('round-trips: applying the diff lines gives the new text', () => {
    const before = 'k=1\nx\ny\nz\nk=2\n';
    const after = 'x\ny\nk=3\nz\n';
    const body = unifiedDiff(before, after).split('\n').slice(3).filter((l) => l !== '' && !l.startsWith('@@'));
    assert.equal(body.filter((l) => !l.startsWith('-')).map((l) => l.slice(1)).join('\n') + '\n', after);
    assert.equal(body.filter((l) => !l.startsWith('+')).map((l) => l.slice(1)).join('\n') + '\n', before);
  });
});

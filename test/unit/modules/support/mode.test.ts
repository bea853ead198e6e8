import assert from 'node:assert/strict';
import { formatMode, parseMode, resolveMode } from '../../../../engine/modules/support/mode.js';

// [spec, current mode, is a directory, expected mode]
const table: [string | number, number, boolean, number][] = [
  [0o644, 0o600, false, 0o644],
  ['0644', 0o600, false, 0o644],
  ['644', 0o600, false, 0o644],
  ['1777', 0o755, true, 0o1777],
  ['u=rw,g=r,o=r', 0o777, false, 0o644],
  ['go-w', 0o777, false, 0o755],
  ['a+x', 0o644, false, 0o755],
  ['+x', 0o644, false, 0o755],
  ['+w', 0o444, false, 0o644],
  ['a+X', 0o644, false, 0o644],
  ['a+X', 0o644, true, 0o755],
  ['a+X', 0o744, false, 0o755],
  ['u+s', 0o755, false, 0o4755],
  ['g=u', 0o640, false, 0o660],
  ['o=', 0o777, false, 0o770],
  ['u=rwx,go=rx', 0o600, true, 0o755],
  ['ug+rw,o-rwx', 0o604, false, 0o660],
];

describe('modules/support/mode', () => {
  for (const [spec, current, isDir, want] of table) {
    it(`${String(typeof spec === 'number' ? `0o${spec.toString(8)}` : spec)} on ${formatMode(current)}${isDir ? ' (dir)' : ''} → ${formatMode(want)}`, () => {
      const parsed = parseMode(spec);
      assert.ok(!('error' in parsed));
      assert.equal(resolveMode(parsed, current, isDir), want);
    });
  }
  for (const bad of ['rw-r--r--', '0999', 'u=rw;g=r', 'x+u', 70000]) {
    it(`rejects ${String(bad)}`, () => assert.ok('error' in parseMode(bad)));
  }
});

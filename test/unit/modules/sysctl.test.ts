import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editSysctl, normalizeValue, sysctl } from '../../../engine/modules/sysctl.js';
import { withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

// A stand-in for sysctl on PATH that keeps values in files: tests never touch the kernel.
// The key used below does not exist in a real kernel either, so a mistake fails harmlessly.
const FAKE_SYSCTL = `#!/bin/sh
if [ "$1" = -n ]; then f="$FAKE_SYSCTL_DIR/$2"; [ -f "$f" ] || { echo "sysctl: cannot stat /proc/sys/$2" >&2; exit 255; }; cat "$f"; exit 0; fi
if [ "$1" = -w ]; then k=\${2%%=*}; v=\${2#*=}; printf '%s\\n' "$v" > "$FAKE_SYSCTL_DIR/$k"; echo "$k = $v"; exit 0; fi
exit 1
`;

const table: [string, string, string, string | undefined, string][] = [
  ['appends a missing key', '# comment\n', 'net.ipv4.ip_forward', '1', '# comment\nnet.ipv4.ip_forward=1\n'],
  ['keeps an equal entry as written', 'net.ipv4.ip_forward = 1\n', 'net.ipv4.ip_forward', '1', 'net.ipv4.ip_forward = 1\n'],
  ['replaces a different value', 'a=1\nnet.ipv4.ip_forward = 0\nb=2\n', 'net.ipv4.ip_forward', '1', 'a=1\nnet.ipv4.ip_forward=1\nb=2\n'],
  ['drops later duplicates', 'k=1\nk=2\n', 'k', '1', 'k=1\n'],
  ['slash and dot spellings are the same key', 'net/ipv4/ip_forward=1\n', 'net.ipv4.ip_forward', '1', 'net/ipv4/ip_forward=1\n'],
  ['whitespace inside values does not matter', 'r = 1024\t65000\n', 'r', '1024 65000', 'r = 1024\t65000\n'],
  ['commented entries are left alone', '#k=1\n', 'k', '2', '#k=1\nk=2\n'],
  ['absent removes every entry', 'k=1\nx=2\nk=3\n', 'k', undefined, 'x=2\n'],
];

describe('modules/sysctl', () => {
  for (const [name, text, key, value, want] of table) it(name, () => assert.equal(editSysctl(text, key, value), want));
  it('normalises values like sysctl prints them', () => assert.equal(normalizeValue(' 1 \t 2 '), '1 2'));

  it('persists in a file and sets the live value through sysctl -w', () =>
    withTempDir(async (d) => {
      const bin = join(d, 'bin');
      const state = join(d, 'state');
      await mkdir(bin);
      await mkdir(state);
      await writeFile(join(bin, 'sysctl'), FAKE_SYSCTL);
      await chmod(join(bin, 'sysctl'), 0o755);
      await writeFile(join(state, 'deckhand.test.forward'), '0\n');
      const file = join(d, 'etc', '99-test.conf');
      await mkdir(join(d, 'etc'));
      const env = { PATH: `${bin}:${process.env['PATH'] ?? ''}`, FAKE_SYSCTL_DIR: state };
      const r = await idempotent(join(d, 'etc'), { mod: sysctl, args: { name: 'deckhand.test.forward', value: 1, sysctl_file: file }, ctx: { env } });
      assert.equal(await readFile(file, 'utf8'), 'deckhand.test.forward=1\n');
      assert.equal(await readFile(join(state, 'deckhand.test.forward'), 'utf8'), '1\n');
      assert.deepEqual(r.checkFirst.diff, [{ path: file, before: '', after: 'deckhand.test.forward=1\n' }]);
    }),
  );
});

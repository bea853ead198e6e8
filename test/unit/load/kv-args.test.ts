import { strict as assert } from 'node:assert';
import { parseFreeForm, parseKvArgs } from '../../../engine/load/kv-args.js';

const kv: { input: string; args?: Record<string, unknown>; error?: number }[] = [
  { input: 'src=a dest=/b', args: { src: 'a', dest: '/b' } },
  { input: 'dest="/a b" mode=0644', args: { dest: '/a b', mode: '0644' } },
  { input: "line='x = 1'", args: { line: 'x = 1' } },
  { input: 'msg="say \\"hi\\""', args: { msg: 'say "hi"' } },
  { input: 'a=1 oops', error: 4 },
  { input: 'a="unterminated', error: 2 },
  { input: '', args: {} },
];

describe('load/kv-args: key=value shorthand', () => {
  for (const c of kv) {
    it(JSON.stringify(c.input), () => {
      const r = parseKvArgs(c.input);
      if (c.args) assert.deepEqual(r, { ok: true, args: c.args });
      else assert.equal(!r.ok && r.offset, c.error);
    });
  }
});

const special = new Set(['creates', 'removes', 'chdir']);
const free: { input: string; args: Record<string, unknown> }[] = [
  { input: 'ls -l', args: { cmd: 'ls -l' } },
  { input: 'kubeadm init creates=/etc/kubernetes/admin.conf', args: { cmd: 'kubeadm init', creates: '/etc/kubernetes/admin.conf' } },
  { input: 'chdir=/tmp make all', args: { cmd: 'make all', chdir: '/tmp' } },
  { input: "echo 'a=b' x=1", args: { cmd: "echo 'a=b' x=1" } },
];

describe('load/kv-args: free-form commands', () => {
  for (const c of free) {
    it(JSON.stringify(c.input), () => {
      assert.deepEqual(parseFreeForm(c.input, 'cmd', special), { ok: true, args: c.args });
    });
  }
});

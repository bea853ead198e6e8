import { strict as assert } from 'node:assert';
import { CHECK_RAW_KEYS, parseFreeForm, parseKvArgs } from '../../../engine/text/kv-args.js';
import { ansiblePython, pythonJsonWith } from '../../support/python.js';

const kv: { input: string; args?: Record<string, unknown>; error?: number }[] = [
  { input: 'src=a dest=/b', args: { src: 'a', dest: '/b' } },
  { input: 'dest="/a b" mode=0644', args: { dest: '/a b', mode: '0644' } },
  { input: "line='x = 1'", args: { line: 'x = 1' } },
  { input: 'msg="say \\"hi\\""', args: { msg: 'say "hi"' } },
  { input: 'a=1 oops', error: 4 },
  { input: 'a="unterminated', error: 2 },
  { input: '', args: {} },
];

describe('text/kv-args: key=value shorthand', () => {
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
  {
    input: 'kubeadm init --pod-network-cidr=10.244.0.0/16 creates=/etc/kubernetes/admin.conf chdir=/root',
    args: { cmd: 'kubeadm init --pod-network-cidr=10.244.0.0/16', creates: '/etc/kubernetes/admin.conf', chdir: '/root' },
  },
  // parse_kv reads the key from the word as written: a quoted word is part of the command.
  { input: 'echo "creates=not-an-option" | cat', args: { cmd: 'echo "creates=not-an-option" | cat' } },
  { input: 'grep x f && touch done creates="/a b"', args: { cmd: 'grep x f && touch done', creates: '/a b' } },
];

describe('text/kv-args: free-form commands', () => {
  for (const c of free) {
    it(JSON.stringify(c.input), () => {
      assert.deepEqual(parseFreeForm(c.input, 'cmd', special), { ok: true, args: c.args });
    });
  }
});

// Ansible's own parse_kv on the same inputs, where an Ansible is installed.
const PY_PARSE_KV = `
import json, sys
from ansible.parsing.splitter import parse_kv
print(json.dumps([parse_kv(c['input'], check_raw=c['raw']) for c in json.load(sys.stdin)]))
`;

describe('text/kv-args: agrees with ansible.parsing.splitter.parse_kv', () => {
  it('on every table above that parses', function () {
    const python = ansiblePython();
    if (python === undefined) {
      console.log('      (skipped: needs ansible (apt-get install ansible))');
      this.skip();
    }
    const cases = [
      ...kv.filter((c) => c.args && c.input !== '').map((c) => ({ input: c.input, raw: false })),
      ...free.map((c) => ({ input: c.input, raw: true })),
    ];
    const ours = cases.map((c) => {
      const r = c.raw ? parseFreeForm(c.input, '_raw_params', CHECK_RAW_KEYS) : parseKvArgs(c.input);
      return r.ok ? r.args : r.message;
    });
    assert.deepEqual(ours, pythonJsonWith(python, PY_PARSE_KV, cases));
  });
});

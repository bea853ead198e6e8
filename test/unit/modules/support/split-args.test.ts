import assert from 'node:assert/strict';
import { extractFreeForm, splitWords } from '../../../../engine/modules/support/split-args.js';

const words: [string, string[]][] = [
  ['ls -l /tmp', ['ls', '-l', '/tmp']],
  [`echo 'a b' "c d" e\\ f`, ['echo', 'a b', 'c d', 'e f']],
  [`echo "say \\"hi\\" \\$HOME"`, ['echo', 'say "hi" $HOME']],
  [`echo ''`, ['echo', '']],
  ['  spaced   out  ', ['spaced', 'out']],
];

describe('modules/support/split-args', () => {
  for (const [text, want] of words) {
    it(`splits ${text}`, () => {
      const r = splitWords(text);
      assert.ok(!('error' in r));
      assert.deepEqual(r.map((w) => w.value), want);
    });
  }
  it('reports unterminated quotes', () => assert.ok('error' in splitWords(`echo 'oops`)));

  it('takes free-form options out of a command line', () => {
    assert.deepEqual(extractFreeForm('kubeadm init --pod-network-cidr=10.244.0.0/16 creates=/etc/kubernetes/admin.conf chdir=/root', ['creates', 'chdir']), {
      rest: 'kubeadm init --pod-network-cidr=10.244.0.0/16',
      params: { creates: '/etc/kubernetes/admin.conf', chdir: '/root' },
    });
    assert.deepEqual(extractFreeForm(`echo "creates=not-an-option" | cat`, ['creates']), { rest: `echo "creates=not-an-option" | cat`, params: {} });
    assert.deepEqual(extractFreeForm(`grep x f && touch done creates="/a b"`, ['creates']), { rest: 'grep x f && touch done', params: { creates: '/a b' } });
  });
});

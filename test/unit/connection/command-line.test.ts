import { strict as assert } from 'node:assert';
import { prepareCommand } from '../../../engine/connection/command-line.js';
import { buildBecomeArgv } from '../../../engine/connection/index.js';

describe('connection/command-line', () => {
  const table: ReadonlyArray<readonly [string, readonly string[], Parameters<typeof prepareCommand>[1], string]> = [
    ['plain argv', ['ls', '-l'], {}, 'exec ls -l'],
    ['env prefix', ['printenv', 'A'], { env: { A: 'x y', B: "it's" } }, `exec env 'A=x y' 'B=it'"'"'s' printenv A`],
    ['cwd', ['pwd'], { cwd: '/srv/my dir' }, `cd -- '/srv/my dir' && exec pwd`],
    ['become without password', ['id'], { become: {} }, 'exec sudo -H -n -u root -- id'],
    ['remote timeout wraps everything, sudo included', ['id'], { become: {}, remoteTimeoutMs: 1500 }, 'exec timeout -k 2 1.500 sudo -H -n -u root -- id'],
    ['become user + env inside sudo', ['id'], { become: { user: 'app' }, env: { X: '1' } }, `exec sudo -H -n -u app -- env 'X=1' id`],
  ];
  for (const [title, argv, spec, line] of table) {
    it(title, () => {
      assert.equal(prepareCommand(argv, spec).line, line);
    });
  }

  it('rejects invalid env names and empty argv', () => {
    assert.throws(() => prepareCommand(['x'], { env: { 'A B': '1' } }), TypeError);
    assert.throws(() => prepareCommand(['x'], { env: { '1A': '1' } }), TypeError);
    assert.throws(() => prepareCommand([]), TypeError);
    assert.throws(() => prepareCommand(['A=b'], { env: { X: '1' } }), TypeError);
  });

  it('with a password: sudo -S, a random prompt, the password only in stdinPrefix', () => {
    const b = buildBecomeArgv(['cat'], { password: 's3cret pw', user: 'app' });
    assert.deepEqual(b.argv.slice(0, 3), ['sudo', '-H', '-S']);
    assert.equal(b.argv[3], '-p');
    assert.equal(b.argv[4], b.prompt);
    assert.ok(b.argv.includes('app'));
    assert.equal(b.stdinPrefix, 's3cret pw\n');
    assert.ok(!b.argv.some((w) => w.includes('s3cret')), 'password not in argv');
    assert.notEqual(buildBecomeArgv(['cat'], { password: 'x' }).prompt, b.prompt, 'prompt is random');
    const prepared = prepareCommand(['cat'], { become: { password: 's3cret pw' } });
    assert.ok(!prepared.line.includes('s3cret'));
    assert.equal(prepared.handshake?.password, 's3cret pw');
  });

  it('rejects unsupported become methods and odd users', () => {
    assert.throws(() => buildBecomeArgv(['id'], { method: 'su' as 'sudo' }), TypeError);
    assert.throws(() => buildBecomeArgv(['id'], { user: '-r' }), TypeError);
    assert.throws(() => buildBecomeArgv(['id'], { password: 'a\nb' }), TypeError);
  });
});

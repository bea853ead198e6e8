import { strict as assert } from 'node:assert';
import { prepareCommand } from '../../../engine/connection/command-line.js';
import { ENV_SCRIPT } from '../../../engine/connection/env-stdin.js';
import { buildBecomeArgv } from '../../../engine/connection/index.js';
import { shellQuote } from '../../../engine/text/shell-quote.js';
import { AWKWARD_VALUES, awkwardEnv } from './awkward-env.js';

describe('connection/command-line', () => {
  const wrapper = `sh -c ${shellQuote(ENV_SCRIPT)} sh`;
  const table: ReadonlyArray<readonly [string, readonly string[], Parameters<typeof prepareCommand>[1], string]> = [
    ['plain argv', ['ls', '-l'], {}, 'exec ls -l'],
    ['env: the fixed wrapper, no values', ['printenv', 'A'], { env: { A: 'x y', B: "it's" } }, `exec ${wrapper} printenv A`],
    ['cwd', ['pwd'], { cwd: '/srv/my dir' }, `cd -- '/srv/my dir' && exec pwd`],
    ['become without password', ['id'], { become: {} }, 'exec sudo -H -n -u root -- id'],
    ['remote timeout wraps everything, sudo included', ['id'], { become: {}, remoteTimeoutMs: 1500 }, 'exec timeout -k 2 1.500 sudo -H -n -u root -- id'],
    ['become user + env wrapper inside sudo', ['id'], { become: { user: 'app' }, env: { X: '1' } }, `exec sudo -H -n -u app -- ${wrapper} id`],
    ['timeout, sudo, then the env wrapper', ['id'], { become: {}, env: { X: '1' }, remoteTimeoutMs: 1000 }, `exec timeout -k 2 1.000 sudo -H -n -u root -- ${wrapper} id`],
    ['a first word with = is a plain command name', ['A=b'], { env: { X: '1' } }, `exec ${wrapper} 'A=b'`],
  ];
  for (const [title, argv, spec, line] of table) {
    it(title, () => {
      assert.equal(prepareCommand(argv, spec).line, line);
    });
  }

  it('rejects invalid env names, NUL in env values and empty argv', () => {
    assert.throws(() => prepareCommand(['x'], { env: { 'A B': '1' } }), TypeError);
    assert.throws(() => prepareCommand(['x'], { env: { '1A': '1' } }), TypeError);
    assert.throws(() => prepareCommand(['x'], { env: { A: 'a\0b' } }), TypeError);
    assert.throws(() => prepareCommand([]), TypeError);
  });

  it('env values never reach the line: it is the same whatever the values, and they go to stdinHeader', () => {
    const secret = 'Env-Secret-3f9a';
    const env = { ...awkwardEnv(), SECRET: secret };
    const blank = Object.fromEntries(Object.keys(env).map((k) => [k, 'z']));
    const specs = [{}, { cwd: '/srv' }, { become: { user: 'app' } }, { remoteTimeoutMs: 500 }, { become: {}, remoteTimeoutMs: 500, cwd: '/' }];
    for (const spec of specs) {
      const prepared = prepareCommand(['sh', '-c', 'true'], { ...spec, env });
      assert.equal(prepared.line, prepareCommand(['sh', '-c', 'true'], { ...spec, env: blank }).line, JSON.stringify(spec));
      assert.ok(!prepared.line.includes(secret));
      const header = Buffer.from(prepared.stdinHeader ?? []).toString('utf8');
      assert.ok(header.includes(secret) && AWKWARD_VALUES.every(([, v]) => v.split('\n').every((l) => header.includes(l))));
    }
    const withPassword = prepareCommand(['true'], { env, become: { password: 'pw' } });
    assert.ok(!withPassword.line.includes(secret) && withPassword.stdinHeader !== undefined);
    assert.equal(prepareCommand(['true']).stdinHeader, undefined, 'no env, no header');
    assert.equal(prepareCommand(['true'], { env: {} }).line, 'exec true', 'an empty env changes nothing');
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

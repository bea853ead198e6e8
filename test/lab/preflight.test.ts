import assert from 'node:assert/strict';
import { labCommand } from '../../lab/cli.js';
import { LabError } from '../../lab/lab-error.js';
import { checkRoot, checkTools, preflight } from '../../lab/preflight.js';

describe('lab preflight', () => {
  it('refuses a non-root uid with NOT_ROOT', () => {
    assert.throws(() => checkRoot(1000), (e: unknown) => e instanceof LabError && e.code === 'NOT_ROOT' && /root/.test(e.message));
  });

  it('accepts uid 0', () => {
    assert.doesNotThrow(() => checkRoot(0));
  });

  it('checks root before tools', () => {
    assert.throws(() => preflight({ uid: 1000, lookup: () => false }), (e: unknown) => e instanceof LabError && e.code === 'NOT_ROOT');
  });

  it('names each missing program, its package and the install command', () => {
    const lookup = (program: string): boolean => program !== 'sshd' && program !== 'ip';
    assert.throws(
      () => checkTools(lookup),
      (e: unknown) =>
        e instanceof LabError &&
        e.code === 'MISSING_TOOLS' &&
        e.message.includes('sshd (package openssh-server)') &&
        e.message.includes('ip (package iproute2)') &&
        e.message.includes('apt-get install openssh-server iproute2'),
    );
  });

  it('asks for sudo, which become runs inside the lab hosts', () => {
    assert.throws(
      () => checkTools((program) => program !== 'sudo'),
      (e: unknown) => e instanceof LabError && e.code === 'MISSING_TOOLS' && e.message.includes('apt-get install sudo'),
    );
  });

  for (const command of ['up', 'down']) {
    it(`\`lab ${command}\` exits 5 for a non-root user and says why`, async () => {
      const err: string[] = [];
      const code = await labCommand([command, '--name', 'never-made'], { out: () => undefined, err: (line) => err.push(line) }, { uid: 1000 });
      assert.equal(code, 5);
      assert.match(err.join('\n'), /needs root/);
    });
  }
});

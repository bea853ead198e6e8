import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { createExec, lastMachineMentioned, tail } from '../../../lab/vagrant/exec-argv.js';

describe('exec-argv', function () {
  this.timeout(10_000);
  const exec = createExec(tmpdir());
  const node = process.execPath;

  it('returns the output of a command that succeeds', async () => {
    const result = await exec([node, '-e', 'process.stdout.write("out"); process.stderr.write("err")']);
    assert.deepEqual(result, { ok: true, exitCode: 0, stdout: 'out', stderr: 'err', reason: '' });
  });

  it('returns a failing exit code as a value, with a one-line reason', async () => {
    const result = await exec([node, '-e', 'console.error("bad things"); process.exit(3)']);
    assert.equal(result.ok, false);
    assert.equal(result.exitCode, 3);
    assert.match(result.reason, /exit code 3/);
    assert.ok(!result.reason.includes('\n'));
    assert.equal(tail(result), 'bad things');
  });

  it('returns a missing program as a value', async () => {
    const result = await exec(['deckhand-no-such-program-xyz', '--version']);
    assert.equal(result.ok, false);
    assert.match(result.reason, /ENOENT/);
  });

  it('kills a command that outlives its timeout', async () => {
    const started = performance.now();
    const result = await exec([node, '-e', 'setTimeout(() => {}, 30000)'], { timeoutMs: 300 });
    assert.equal(result.ok, false);
    assert.match(result.reason, /timed out/i);
    // Killed at the timeout: far below the 30 s the command would take, whatever the load.
    assert.ok(performance.now() - started < 15_000);
  });

  it('keeps the last lines of stderr, or of stdout when stderr is empty', () => {
    assert.equal(tail({ stdout: 'a\nb\nc\n', stderr: '' }, 2), 'b\nc');
    assert.equal(tail({ stdout: 'ignored', stderr: 'x\ny\n' }), 'x\ny');
  });

  const mentions = [
    { output: '==> master: Booting VM...\n==> worker1: Importing base box\n    worker1: SSH address: 127.0.0.1:2200\n', want: 'worker1' },
    { output: 'Bringing machine \'master\' up\n==> master: Waiting for SSH\nTimed out\n', want: 'master' },
    { output: '==> worker9: not one of ours\n==> vagrant: A new version is available\n', want: undefined },
    { output: '', want: undefined },
  ];
  for (const c of mentions) {
    it(`finds the machine vagrant was working on: ${String(c.want)}`, () => {
      assert.equal(lastMachineMentioned(c.output, ['master', 'worker1', 'worker2']), c.want);
    });
  }
});

import { strict as assert } from 'node:assert';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { openLocal, openSsh, RemoteFileError, type Connection } from '../../../engine/connection/index.js';
import { createSudoUsers, NOPW_USER, PASSWORD, PW_USER, removeSudoUsers } from './sudo-users.js';
import { requireSystem } from '../../support/require-system.js';
import { targetFor } from './ssh-test-support.js';
import { AWKWARD_VALUES, awkwardEnv, parseReport, REPORT_PROGRAM } from '../../unit/connection/awkward-env.js';

describe('connection/become (sudo)', function () {
  this.timeout(60_000);
  before(function () {
    requireSystem(this, 'root', 'sudo', 'useradd', 'sshd', 'ssh-keygen');
  });

  describe('local, as root', () => {
    const conn = openLocal('localhost');
    after(() => conn.close());

    it('runs as the become user, env passed inside sudo', async () => {
      const r = await conn.exec(['sh', '-c', 'echo "$(id -un) $X"'], { become: { user: 'nobody' }, env: { X: 'kept' } });
      assert.deepEqual(r, { rc: 0, stdout: 'nobody kept\n', stderr: '' });
    });
  });

  describe('over SSH as an unprivileged user', () => {
    let sshd: SshdFixture;
    let pw: Connection;
    let nopw: Connection;
    before(async () => {
      createSudoUsers();
      sshd = await startSshd();
      pw = await openSsh(targetFor(sshd, { user: PW_USER }));
      nopw = await openSsh(targetFor(sshd, { user: NOPW_USER }));
    });
    after(async () => {
      await pw?.close();
      await nopw?.close();
      await sshd?.stop();
      removeSudoUsers();
    });

    it('with the password: runs as root; stdin reaches the command, the password and prompt do not', async () => {
      const r = await pw.exec(['sh', '-c', 'id -u; cat'], { become: { password: PASSWORD }, stdin: 'line 1\nline 2\n' });
      assert.equal(r.rc, 0, r.stderr);
      assert.equal(r.stdout, '0\nline 1\nline 2\n');
      assert.ok(!r.stderr.includes('deckhand sudo'), `prompt left in stderr: ${r.stderr}`);
      assert.ok(!r.stderr.includes(PASSWORD) && !r.stdout.includes(PASSWORD));
    });

    it('with the password and env: the values and then stdin reach the command as root', async () => {
      const env = awkwardEnv();
      const r = await pw.exec(['sh', '-c', 'id -u; exec "$@"', 'sh', ...REPORT_PROGRAM], { become: { password: PASSWORD }, env, stdin: 'line 1\nline 2\n' });
      assert.equal(r.rc, 0, r.stderr);
      const [uid, json = ''] = r.stdout.split(/\n(.*)/s);
      assert.equal(uid, '0');
      const got = parseReport(json);
      AWKWARD_VALUES.forEach(([what], i) => assert.equal(got.env[`V${i}`], env[`V${i}`], what));
      assert.equal(Buffer.from(got.stdin, 'base64').toString(), 'line 1\nline 2\n');
      assert.equal(r.stderr, '');
    });

    it('NOPASSWD with env, with and without a password given', async () => {
      for (const become of [{}, { password: PASSWORD }]) {
        const r = await nopw.exec(['sh', '-c', 'printf "%s|" "$A"; cat'], { become, env: { A: 'x\ny' }, stdin: 'only this' });
        assert.deepEqual(r, { rc: 0, stdout: 'x\ny|only this', stderr: '' }, JSON.stringify(become));
      }
    });

    for (const env of [undefined, { A: 'env data' }]) {
      it(`a wrong password fails fast, even with stdin${env === undefined ? '' : ' and env'} waiting, and is not echoed`, async () => {
        const t0 = Date.now();
        const r = await pw.exec(['cat'], { become: { password: 'wrong-password-1' }, ...(env === undefined ? {} : { env }), stdin: 'secret data\nmore\n' });
        assert.notEqual(r.rc, 0);
        // sudo's own delay after a wrong password is about 2 s; a run waiting on stdin would never end.
        assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
        assert.match(r.stderr, /incorrect password|Sorry, try again/);
        assert.ok(!r.stderr.includes('wrong-password-1'));
        assert.equal(r.stdout, '');
      });
    }

    it('no password where one is needed: sudo -n fails at once', async () => {
      const r = await pw.exec(['id', '-u'], { become: {} });
      assert.equal(r.rc, 1);
      assert.match(r.stderr, /password is required/);
    });

    it('NOPASSWD with a password given: the password is never fed to the command', async () => {
      const r = await nopw.exec(['cat'], { become: { password: PASSWORD }, stdin: 'only this' });
      assert.deepEqual(r, { rc: 0, stdout: 'only this', stderr: '' });
    });

    it('a password the command prints is redacted', async () => {
      const r = await pw.exec(['echo', `pw=${PASSWORD}`], { become: { password: PASSWORD } });
      assert.equal(r.stdout, 'pw=********\n');
    });

    it('put and get as root through become, with mode and root ownership', async () => {
      const path = `/root/deckhand-become-${process.pid}.txt`;
      try {
        await pw.put('root only\n', path, { mode: 0o600, become: { password: PASSWORD } });
        // Unreadable is an error, not "missing": /root exists but the user cannot search it.
        await assert.rejects(pw.get(path), (e) => e instanceof RemoteFileError && /Permission denied/.test(e.stderr));
        const bytes = await pw.get(path, { become: { password: PASSWORD } });
        assert.equal(Buffer.from(bytes ?? []).toString(), 'root only\n');
        const st = await nopw.exec(['stat', '-c', '%U %a', path], { become: {} });
        assert.equal(st.stdout, 'root 600\n');
      } finally {
        await nopw.exec(['rm', '-f', path], { become: {} });
      }
    });
  });
});

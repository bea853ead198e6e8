import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { openSsh } from '../../../engine/connection/index.js';
import { rejectsWith, targetFor, watchUncaught } from './ssh-test-support.js';
import { localSleeps } from '../../support/local-processes.js';
import { requireSystem } from '../../support/require-system.js';
import { waitFor } from '../../support/wait-for.js';

/** A `sleep 30` noticed as failed this far below 30 s was noticed because of the fault. */
const WELL_BEFORE_THE_SLEEP_ENDS_MS = 15_000;

describe('connection/ssh failures', function () {
  this.timeout(60_000);
  before(function () {
    requireSystem(this, 'root', 'sshd', 'ssh-keygen');
  });

  describe('the server dies or goes silent mid-command', () => {
    let sshd: SshdFixture;
    beforeEach(async () => { sshd = await startSshd(); });
    afterEach(async () => { await sshd?.stop(); });

    it('sshd killed during `sleep 30`: unreachable at once, no uncaught exception, later calls reject too', async () => {
      const watch = watchUncaught();
      try {
        const conn = await openSsh(targetFor(sshd));
        const running = conn.exec(['sleep', '30.51']);
        await waitFor(() => localSleeps('30.51') === 1, { timeoutMs: 20_000, what: 'the remote `sleep 30.51` to run' });
        const t0 = Date.now();
        sshd.signalSessions('SIGKILL');
        await rejectsWith(running, 'unreachable');
        assert.ok(Date.now() - t0 < WELL_BEFORE_THE_SLEEP_ENDS_MS, `noticed after ${Date.now() - t0} ms`);
        await rejectsWith(conn.exec(['true']), 'unreachable');
        await rejectsWith(conn.put('x', '/tmp/x'), 'unreachable');
        await conn.close();
        // A quiet period, not a wait for something: an uncaught error would surface in it.
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual(watch.errors, []);
      } finally {
        watch.stop();
      }
    });

    it('sshd frozen (SIGSTOP) during `sleep 30`: unreachable through the keepalive, long before the sleep ends', async () => {
      const interval = 500;
      const countMax = 2;
      const conn = await openSsh(targetFor(sshd, { keepaliveIntervalMs: interval, keepaliveCountMax: countMax }));
      const running = conn.exec(['sleep', '30.52']);
      await waitFor(() => localSleeps('30.52') === 1, { timeoutMs: 20_000, what: 'the remote `sleep 30.52` to run' });
      const t0 = Date.now();
      sshd.signalSessions('SIGSTOP');
      const failure = await rejectsWith(running, 'unreachable');
      const took = Date.now() - t0;
      // Normally interval * (countMax + 1) = 1.5 s; the message says the keepalive caught it.
      assert.ok(took < WELL_BEFORE_THE_SLEEP_ENDS_MS, `noticed after ${took} ms`);
      assert.match(failure.message, /keepalive/);
      await conn.close();
    });
  });

  describe('connecting', () => {
    let silent: Server;
    let silentPort = 0;
    const sockets = new Set<Socket>();
    before(async () => {
      // Accepts TCP and never says a word: no SSH banner.
      silent = createServer((s) => { sockets.add(s); s.on('error', () => undefined); });
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      const addr = silent.address();
      silentPort = typeof addr === 'object' && addr !== null ? addr.port : 0;
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    });

    let sshd: SshdFixture;
    before(async () => { sshd = await startSshd(); });
    after(async () => { await sshd?.stop(); });

    it('a TCP listener that never speaks SSH: timeout within connectTimeoutMs', async () => {
      const t0 = Date.now();
      await rejectsWith(openSsh(targetFor(sshd, { port: silentPort, connectTimeoutMs: 1000 })), 'timeout');
      // The connect timeout ended it: generous slack for a loaded machine, far below a hang.
      assert.ok(Date.now() - t0 < 1000 + 10_000, `took ${Date.now() - t0} ms`);
    });

    it('a closed port: unreachable', async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const addr = closed.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      await new Promise((r) => closed.close(r));
      const f = await rejectsWith(openSsh(targetFor(sshd, { port })), 'unreachable');
      assert.match(f.message, /ECONNREFUSED/);
    });

    it('a key the server does not accept: auth', async () => {
      const key = join(sshd.dir, 'stranger');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
      await rejectsWith(openSsh(targetFor(sshd, { privateKeyPath: key })), 'auth');
    });

    it('a missing key file: auth, naming the file', async () => {
      const f = await rejectsWith(openSsh(targetFor(sshd, { privateKeyPath: '/nonexistent/key' })), 'auth');
      assert.match(f.message, /\/nonexistent\/key/);
    });

    it('a wrong password never appears in the failure', async () => {
      const { privateKeyPath: _unused, ...withoutKey } = targetFor(sshd);
      const f = await rejectsWith(openSsh({ ...withoutKey, password: 'Hunter2-secret' }), 'auth');
      assert.ok(!f.message.includes('Hunter2-secret'));
    });
  });
});

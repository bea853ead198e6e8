import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { ConnectionFailure, openSsh } from '../../../engine/connection/index.js';
import { targetFor } from './ssh-test-support.js';
import { localSleeps } from '../../support/local-processes.js';
import { requireSystem } from '../../support/require-system.js';
import { waitFor } from '../../support/wait-for.js';

const openFds = (): number => readdirSync('/proc/self/fd').length;

/** Established TCP connections whose local port is `port` (the server side), from /proc/net/tcp. */
function serverSideConnections(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
    .filter((line) => {
      const f = line.trim().split(/\s+/);
      return f[1]?.endsWith(`:${hex}`) === true && f[3] === '01';
    }).length;
}

describe('connection/ssh lifecycle', function () {
  this.timeout(120_000);
  let sshd: SshdFixture;
  before(async function () {
    requireSystem(this, 'root', 'sshd', 'ssh-keygen');
    sshd = await startSshd();
  });
  after(async () => { await sshd?.stop(); });

  it('50 open/exec/close cycles and 50 failed connects leave no sockets or fds behind', async () => {
    const baseline = openFds();
    for (let i = 0; i < 50; i++) {
      const conn = await openSsh(targetFor(sshd));
      assert.equal((await conn.exec(['true'])).rc, 0);
      await conn.close();
    }
    for (let i = 0; i < 50; i++) {
      await assert.rejects(openSsh(targetFor(sshd, { port: 1 })), ConnectionFailure);
    }
    await waitFor(() => serverSideConnections(sshd.port), { until: (n) => n === 0, timeoutMs: 10_000, what: 'no server-side connections left' });
    await waitFor(openFds, { until: (n) => n <= baseline + 2, timeoutMs: 10_000, what: `open fds back to at most ${baseline} + 2` });
  });

  it('close() ends a connection with a command still running, which then rejects', async () => {
    const conn = await openSsh(targetFor(sshd));
    const running = conn.exec(['sleep', '30.53']).then(() => undefined, (e: unknown) => e);
    await waitFor(() => localSleeps('30.53') === 1, { timeoutMs: 20_000, what: 'the remote `sleep 30.53` to run' });
    await conn.close();
    const outcome = await running;
    assert.ok(outcome instanceof ConnectionFailure && outcome.kind === 'unreachable', String(outcome));
    await conn.close();
  });
});

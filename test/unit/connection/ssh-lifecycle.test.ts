import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { ConnectionFailure, openSsh } from '../../../engine/connection/index.js';
import { targetFor } from './ssh-test-support.js';

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

async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 40 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}

describe('connection/ssh lifecycle', function () {
  this.timeout(120_000);
  let sshd: SshdFixture;
  before(async () => { sshd = await startSshd(); });
  after(async () => { await sshd.stop(); });

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
    await settle(() => serverSideConnections(sshd.port) === 0 && openFds() <= baseline + 2);
    assert.equal(serverSideConnections(sshd.port), 0, 'server side still has connections');
    assert.ok(openFds() <= baseline + 2, `fds: baseline ${baseline}, now ${openFds()}`);
  });

  it('close() ends a connection with a command still running, which then rejects', async () => {
    const conn = await openSsh(targetFor(sshd));
    const running = conn.exec(['sleep', '30']).then(() => undefined, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    await conn.close();
    const outcome = await running;
    assert.ok(outcome instanceof ConnectionFailure && outcome.kind === 'unreachable', String(outcome));
    await conn.close();
  });
});

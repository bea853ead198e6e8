import { strict as assert } from 'node:assert';
import { requireSystem } from '../../support/require-system.js';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { openSsh, type Connection } from '../../../engine/connection/index.js';
import { openSshWith } from '../../../engine/connection/ssh-connection.js';
import { describeContract } from '../../unit/connection/connection-contract.js';
import { targetFor } from './ssh-test-support.js';

describe('connection/ssh-connection', function () {
  this.timeout(120_000);
  let sshd: SshdFixture;
  before(async function () {
    requireSystem(this, 'root', 'sshd', 'ssh-keygen');
    sshd = await startSshd();
  });
  after(async () => { await sshd?.stop(); });

  describeContract('ssh', () => openSsh(targetFor(sshd)), () => `${sshd.dir}/files`);
  before(async () => {
    const c = await openSsh(targetFor(sshd));
    await c.exec(['mkdir', '-p', `${sshd.dir}/files`]);
    await c.close();
  });

  it('200 sequential exec+put on one connection, then one more: no channel leak', async () => {
    const conn = await openSsh(targetFor(sshd));
    try {
      for (let i = 0; i < 200; i++) {
        assert.equal((await conn.exec(['echo', String(i)])).stdout, `${i}\n`);
        await conn.put(`n=${i}\n`, `${sshd.dir}/files/seq.txt`);
      }
      assert.equal(Buffer.from((await conn.get(`${sshd.dir}/files/seq.txt`)) ?? []).toString(), 'n=199\n');
      assert.equal((await conn.exec(['true'])).rc, 0);
    } finally {
      await conn.close();
    }
  });

  it('measures ms per command for 100 sequential `true`, with and without TCP_NODELAY', async () => {
    const perCommand = async (noDelay: boolean): Promise<number> => {
      const conn: Connection = await openSshWith(targetFor(sshd), { noDelay });
      try {
        await conn.exec(['true']);
        const t0 = performance.now();
        for (let i = 0; i < 100; i++) await conn.exec(['true']);
        return (performance.now() - t0) / 100;
      } finally {
        await conn.close();
      }
    };
    const withNoDelay = await perCommand(true);
    const withoutNoDelay = await perCommand(false);
    console.log(`      ms/command: TCP_NODELAY ${withNoDelay.toFixed(1)}, Nagle ${withoutNoDelay.toFixed(1)}`);
    assert.ok(withNoDelay < withoutNoDelay, 'TCP_NODELAY is faster');
  });
});

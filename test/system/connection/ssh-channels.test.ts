import { strict as assert } from 'node:assert';
import { requireSystem } from '../../support/require-system.js';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { openSsh } from '../../../engine/connection/index.js';
import { targetFor } from './ssh-test-support.js';

describe('connection/ssh channel limit', function () {
  this.timeout(60_000);
  let sshd: SshdFixture;
  before(async function () {
    requireSystem(this, 'root', 'sshd', 'ssh-keygen');
    sshd = await startSshd({ maxSessions: 2
  });
  });
  after(async () => { await sshd?.stop(); });

  const twenty = (run: (i: number) => Promise<string>): Promise<string[]> => Promise.all(Array.from({ length: 20 }, (_, i) => run(i)));

  for (const maxChannels of [2, 8]) {
    it(`20 concurrent execs on one connection, sshd MaxSessions 2, maxChannels ${maxChannels}: all succeed`, async () => {
      const conn = await openSsh(targetFor(sshd, { maxChannels }));
      try {
        const outs = await twenty(async (i) => (await conn.exec(['sh', '-c', `sleep 0.1; echo ${i}`])).stdout);
        assert.deepEqual(outs, Array.from({ length: 20 }, (_, i) => `${i}\n`));
        await twenty(async (i) => { await conn.put(String(i), `${sshd.dir}/c${i}`); return ''; });
        assert.equal(Buffer.from((await conn.get(`${sshd.dir}/c7`)) ?? []).toString(), '7');
      } finally {
        await conn.close();
      }
    });
  }
});

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { waitForModule } from '../../../engine/modules/wait-for.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}
async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('modules/wait_for', () => {
  it('a listening port is started at once, in check mode too', async () => {
    const { server, port } = await listen();
    try {
      for (const check of [false, true]) {
        const r = await runTask(waitForModule, { port, timeout: 5 }, makeCtx(localConnection(), { check }));
        assert.equal(r.result.failed, undefined, r.result.msg);
        assert.equal(r.result.changed, false);
        assert.equal(r.result.data?.['port'], port);
      }
    } finally {
      server.close();
    }
  });

  it('waits for a port that opens later, sleeping between attempts', async () => {
    const port = await freePort();
    const server = createServer((s) => s.end());
    const timer = setTimeout(() => server.listen(port, '127.0.0.1'), 300);
    try {
      const ctx = makeCtx(localConnection());
      const r = await runTask(waitForModule, { port, timeout: 10, sleep: 0.1 }, ctx);
      assert.equal(r.result.failed, undefined, r.result.msg);
      assert.ok(ctx.slept.length >= 1, 'slept between attempts');
    } finally {
      clearTimeout(timer);
      server.close();
    }
  });

  it('a closed port is stopped; waiting for it to open times out with a message', async () => {
    const port = await freePort();
    const stopped = await runTask(waitForModule, { port, state: 'stopped', timeout: 2 }, makeCtx(localConnection()));
    assert.equal(stopped.result.failed, undefined);
    const timeout = await runTask(waitForModule, { port, timeout: 0.3, sleep: 0.1, connect_timeout: 1 }, makeCtx(localConnection()));
    assert.equal(timeout.result.failed, true);
    assert.equal(timeout.result.msg, `Timeout when waiting for 127.0.0.1:${port}`);
  });

  it('waits for a file and a regex in it, returning match groups', () =>
    withTempDir(async (d) => {
      const path = join(d, 'ready.log');
      const timer = setTimeout(() => void writeFile(path, 'starting\nlistening on port 6443\n'), 200);
      try {
        const r = await runTask(waitForModule, { path, search_regex: 'listening on port (\\d+)', timeout: 10, sleep: 0.1 }, makeCtx(localConnection()));
        assert.equal(r.result.failed, undefined, r.result.msg);
        assert.deepEqual(r.result.data?.['match_groups'], ['6443']);
        const gone = await runTask(waitForModule, { path: join(d, 'nope'), state: 'absent', timeout: 1 }, makeCtx(localConnection()));
        assert.equal(gone.result.failed, undefined);
      } finally {
        clearTimeout(timer);
      }
    }),
  );

  it('rejects port with path', async () => {
    const r = await runTask(waitForModule, { port: 1, path: '/x' }, makeCtx(localConnection()));
    assert.equal(r.result.failed, true);
  });
});

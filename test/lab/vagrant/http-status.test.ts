import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { httpStatus } from '../../../lab/vagrant/http-status.js';
import { freePort } from './mosquitto-broker.js';

describe('httpStatus (EMQX /status probe) against a loopback server', function () {
  this.timeout(10_000);
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/status') res.writeHead(200).end('Node emqx@10.244.1.5 is started\nemqx is running\n');
      else if (req.url === '/starting') res.writeHead(503).end('emqx is not_running\n');
      else if (req.url === '/hang') return; // never answers
      else res.writeHead(404).end();
    });
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(typeof address === 'object' && address);
    port = address.port;
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('passes on 200 and keeps the body', async () => {
    const result = await httpStatus({ host: '127.0.0.1', port, timeoutMs: 2000 });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.body, /emqx is running/);
  });

  it('fails on 503 with the status and the body', async () => {
    const result = await httpStatus({ host: '127.0.0.1', port, path: '/starting', timeoutMs: 2000 });
    assert.deepEqual(result, { ok: false, status: 503, error: 'HTTP 503: emqx is not_running' });
  });

  it('fails within the timeout when the server never answers', async () => {
    const started = performance.now();
    const result = await httpStatus({ host: '127.0.0.1', port, path: '/hang', timeoutMs: 500 });
    assert.deepEqual(result, { ok: false, error: 'timed out after 500 ms' });
    // The deadline ended it: generous slack for a loaded machine, far below a hang.
    assert.ok(performance.now() - started < 500 + 10_000);
  });

  it('fails fast on a closed port', async () => {
    const result = await httpStatus({ host: '127.0.0.1', port: await freePort(), timeoutMs: 2000 });
    assert.ok(!result.ok);
    assert.match(result.error, /ECONNREFUSED/);
  });
});

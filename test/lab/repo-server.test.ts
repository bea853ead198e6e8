import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepoServer } from '../../lab/repo-server.js';
import { findRepoServers, startRepoServer, stopRepoServers } from '../../lab/repo-server-process.js';

describe('lab repository server', () => {
  let dir: string;
  let server: Server;
  let base: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-repo-test-'));
    await mkdir(join(dir, 'repo', 'dists', 'lab'), { recursive: true });
    await writeFile(join(dir, 'repo', 'dists', 'lab', 'Release'), 'Origin: lab\n');
    await writeFile(join(dir, 'outside.txt'), 'secret\n');
    await symlink(join(dir, 'outside.txt'), join(dir, 'repo', 'escape'));
    server = createRepoServer(join(dir, 'repo'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a file with its length and modification time', async () => {
    const response = await fetch(`${base}/dists/lab/Release`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'Origin: lab\n');
    assert.equal(response.headers.get('content-length'), '12');
    assert.ok(response.headers.get('last-modified'));
  });

  it('answers HEAD without a body', async () => {
    const response = await fetch(`${base}/dists/lab/Release`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
  });

  it('answers 304 when the file is unchanged since If-Modified-Since', async () => {
    const first = await fetch(`${base}/dists/lab/Release`);
    const response = await fetch(`${base}/dists/lab/Release`, { headers: { 'If-Modified-Since': first.headers.get('last-modified') ?? '' } });
    assert.equal(response.status, 304);
  });

  it('serves a byte range', async () => {
    const response = await fetch(`${base}/dists/lab/Release`, { headers: { Range: 'bytes=0-5' } });
    assert.equal(response.status, 206);
    assert.equal(await response.text(), 'Origin');
    assert.equal(response.headers.get('content-range'), 'bytes 0-5/12');
  });

  it('refuses paths that leave the root, by dots or by symlink', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/dists/..%2f..%2foutside.txt', '/escape']) {
      assert.equal((await fetch(`${base}${path}`)).status, 404, path);
    }
  });

  it('answers 404 for missing files and 405 for writes', async () => {
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    assert.equal((await fetch(`${base}/dists/lab/Release`, { method: 'PUT', body: 'x' })).status, 405);
  });

  it('runs detached, reports its port, and stops by state directory', async function () {
    this.timeout(15_000);
    const stateDir = join(dir, 'state');
    await mkdir(stateDir);
    const running = await startRepoServer({ stateDir, root: join(dir, 'repo'), address: '127.0.0.1', port: 18080 });
    try {
      assert.ok(running.port >= 18080);
      assert.deepEqual(await findRepoServers(stateDir), [running.pid]);
      const response = await fetch(`http://127.0.0.1:${running.port}/dists/lab/Release`);
      assert.equal(response.status, 200);
    } finally {
      assert.equal(await stopRepoServers(stateDir), true);
    }
    assert.deepEqual(await findRepoServers(stateDir), []);
  });
});

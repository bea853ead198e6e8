import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getUrl, parseChecksum, urlFileName } from '../../../engine/modules/get-url.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';
import { startServer, type TestServer } from './support/http-server.js';
import { idempotent } from './support/scenario.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('modules/get_url', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.content = 'payload-v1\n';
    for (const k of Object.keys(server.hits)) delete server.hits[k];
  });

  it('parses checksums and file names', () => {
    assert.deepEqual(parseChecksum('sha256:ABCDEF'), { alg: 'sha256', hex: 'abcdef' });
    assert.ok('error' in (parseChecksum('crc32:00') ?? {}));
    assert.equal(parseChecksum(undefined), undefined);
    assert.equal(urlFileName('https://example.com/a/b/flannel.yml?x=1'), 'flannel.yml');
    assert.equal(urlFileName('https://example.com/'), 'index.html');
  });

  it('URL, headers and credentials travel as curl config on stdin, never in argv', () =>
    withTempDir(async (d) => {
      const conn = localConnection();
      const secret = 's3cret';
      const args = { url: `${server.base}/auth`, dest: join(d, 'in.txt'), url_username: 'admin', url_password: secret, headers: { 'X-Token': 'tok-123' } };
      const r = await runTask(getUrl, args, makeCtx(conn));
      assert.equal(r.result.failed ?? false, false, r.result.msg ?? '');
      assert.equal(await readFile(join(d, 'in.txt'), 'utf8'), 'welcome');
      assert.equal(server.last.headers?.['x-token'], 'tok-123');
      for (const call of conn.calls) {
        for (const word of [secret, 'tok-123', '/auth', 'admin']) assert.ok(!call.argv.some((a) => a.includes(word)), `${word} in argv`);
      }
    }));

  it('downloads once; an existing dest is not fetched again without force', () =>
    withTempDir(async (d) => {
      const dest = join(d, 'out.txt');
      await idempotent(d, { mod: getUrl, args: { url: `${server.base}/file`, dest, mode: '0640' } });
      assert.equal(await readFile(dest, 'utf8'), 'payload-v1\n');
      assert.equal((await stat(dest)).mode & 0o777, 0o640);
      assert.equal(server.hits['/file'], 1, 'one fetch in four runs');
    }),
  );

  it('with a matching checksum nothing is fetched at all', () =>
    withTempDir(async (d) => {
      const dest = join(d, 'out.txt');
      await writeFile(dest, 'payload-v1\n');
      await idempotent(d, { mod: getUrl, args: { url: `${server.base}/file`, dest, checksum: `sha256:${sha256('payload-v1\n')}` }, expectChanged: false });
      assert.equal(server.hits['/file'], undefined);
    }),
  );

  it('a stale file is replaced when the checksum says so; check mode predicts it', () =>
    withTempDir(async (d) => {
      const dest = join(d, 'out.txt');
      await writeFile(dest, 'old\n');
      const r = await idempotent(d, { mod: getUrl, args: { url: `${server.base}/file`, dest, checksum: `sha256:${sha256('payload-v1\n')}` } });
      assert.equal(await readFile(dest, 'utf8'), 'payload-v1\n');
      assert.equal(r.first.data?.['status_code'], 200);
    }),
  );

  it('force=true downloads and compares: same content is no change', () =>
    withTempDir(async (d) => {
      const dest = join(d, 'out.txt');
      await writeFile(dest, 'payload-v1\n');
      await idempotent(d, { mod: getUrl, args: { url: `${server.base}/file`, dest, force: true }, expectChanged: false });
      assert.ok((server.hits['/file'] ?? 0) >= 2, 'force fetches to compare');
    }),
  );

  it('into a directory: the name comes from the URL', () =>
    withTempDir(async (d) => {
      await mkdir(join(d, 'opt'));
      await idempotent(d, { mod: getUrl, args: { url: `${server.base}/dl/tool.tar.gz`, dest: join(d, 'opt') } });
      assert.equal(await readFile(join(d, 'opt', 'tool.tar.gz'), 'utf8'), 'payload-v1\n');
    }),
  );

  const failures: [string, (d: string) => Record<string, unknown>, RegExp][] = [
    ['a wrong checksum fails and leaves nothing', (d) => ({ url: `${server.base}/file`, dest: join(d, 'x'), checksum: `sha256:${sha256('other')}` }), /did not match/],
    ['HTTP 404 fails', (d) => ({ url: `${server.base}/nope`, dest: join(d, 'x') }), /Request failed/],
  ];
  for (const [name, args, msg] of failures) {
    it(name, () =>
      withTempDir(async (d) => {
        const r = await runTask(getUrl, args(d), makeCtx(localConnection()));
        assert.equal(r.result.failed, true);
        assert.match(r.result.msg ?? '', msg);
        await assert.rejects(stat(join(d, 'x')));
      }),
    );
  }
});

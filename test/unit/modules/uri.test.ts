import assert from 'node:assert/strict';
import { curlConfig, parseResponse, uri } from '../../../engine/modules/uri.js';
import { quoteConfig } from '../../../engine/modules/support/curl-config.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask } from './support/harness.js';
import { startServer, type TestServer } from './support/http-server.js';

describe('modules/uri', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('quotes curl config values', () => assert.equal(quoteConfig('a"b\\c\nd'), '"a\\"b\\\\c\\nd"'));

  it('puts everything sensitive in the config, not in argv', () => {
    const cfg = curlConfig({ url: 'https://h/x', method: 'post', body: { a: 1 }, body_format: 'json', url_username: 'u', url_password: 'p w', headers: { 'X-Token': 't' } });
    assert.equal(cfg, ['url = "https://h/x"', 'request = "POST"', 'max-time = 30', 'header = "Content-Type: application/json"', 'header = "X-Token: t"', 'data-binary = "{\\"a\\":1}"', 'user = "u:p w"', ''].join('\n'));
  });

  it('parses body, status line and the last header block', () => {
    const m = '@@m@@';
    const r = parseResponse(`hello\n${m}200\thttp://x/json\t1\tapplication/json\n${m}\nHTTP/1.1 302 Found\r\nLocation: /json\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Node: a\r\n\r\n`, m);
    assert.deepEqual(r, { status: 200, url: 'http://x/json', redirects: 1, contentType: 'application/json', body: 'hello', headers: { content_type: 'application/json', x_node: 'a' } });
  });

  const table: [string, Record<string, unknown>, { failed?: boolean; status: number; has?: Record<string, unknown> }][] = [
    ['GET JSON is parsed into json', { url: '/json' }, { status: 200, has: { json: { status: 'ok', nodes: 3 }, x_node: 'emqx-0' } }],
    ['return_content gives the body', { url: '/json', return_content: true }, { status: 200, has: { content: '{"status":"ok","nodes":3}' } }],
    ['redirects are followed for GET', { url: '/redirect' }, { status: 200, has: { redirected: true } }],
    ['an unexpected status fails', { url: '/missing' }, { failed: true, status: 404 }],
    ['status_code accepts a list', { url: '/missing', status_code: [200, 404] }, { status: 404 }],
    ['basic auth', { url: '/auth', url_username: 'admin', url_password: 's3cret' }, { status: 200 }],
    ['POST with a JSON body', { url: '/echo', method: 'POST', body: { a: 1 }, body_format: 'json', status_code: 201, return_content: true }, { status: 201, has: { content: 'POST application/json {"a":1}' } }],
  ];
  for (const [name, args, want] of table) {
    it(name, async () => {
      const r = await runTask(uri, { ...args, url: `${server.base}${String(args['url'])}` }, makeCtx(localConnection()));
      assert.equal(r.result.changed, false);
      assert.equal(r.result.failed === true, want.failed === true, r.result.msg);
      assert.equal(r.result.data?.['status'], want.status);
      for (const [k, v] of Object.entries(want.has ?? {})) assert.deepEqual(r.result.data?.[k], v);
    });
  }

  it('GET runs in check mode; POST is not sent', async () => {
    const before = server.hits['/echo'] ?? 0;
    const get = await runTask(uri, { url: `${server.base}/json` }, makeCtx(localConnection(), { check: true }));
    assert.equal(get.result.data?.['status'], 200);
    const post = await runTask(uri, { url: `${server.base}/echo`, method: 'POST', body: 'x' }, makeCtx(localConnection(), { check: true }));
    assert.equal(post.outcome.changed, 'unknown');
    assert.equal(server.hits['/echo'] ?? 0, before);
  });

  it('a refused connection is status -1', async () => {
    const r = await runTask(uri, { url: 'http://127.0.0.1:1/' , timeout: 2 }, makeCtx(localConnection()));
    assert.equal(r.result.failed, true);
    assert.equal(r.result.data?.['status'], -1);
  });
});

// A small HTTP server on 127.0.0.1 for get_url, uri and wait_for tests; counts requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  readonly base: string;
  readonly port: number;
  readonly hits: Record<string, number>;
  readonly last: { method?: string; body?: string; headers?: IncomingMessage['headers'] };
  content: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const hits: Record<string, number> = {};
  const last: TestServer['last'] = {};
  const state = { content: 'payload-v1\n' };
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    Object.assign(last, { method: req.method, body, headers: req.headers });
    if (path === '/file' || path === '/dl/tool.tar.gz') return void res.end(state.content);
    if (path === '/json') return void res.writeHead(200, { 'Content-Type': 'application/json', 'X-Node': 'emqx-0' }).end('{"status":"ok","nodes":3}');
    if (path === '/echo') return void res.writeHead(201, { 'Content-Type': 'text/plain' }).end(`${req.method} ${req.headers['content-type'] ?? ''} ${body}`);
    if (path === '/redirect') return void res.writeHead(302, { Location: '/json' }).end();
    if (path === '/auth') {
      const ok = req.headers.authorization === `Basic ${Buffer.from('admin:s3cret').toString('base64')}`;
      return void res.writeHead(ok ? 200 : 401).end(ok ? 'welcome' : 'denied');
    }
    res.writeHead(404).end('not found');
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    last,
    get content() {
      return state.content;
    },
    set content(v: string) {
      state.content = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

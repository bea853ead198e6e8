// A small static HTTP server for the lab's apt repositories. `lab up` runs it
// as a detached process bound only to the bridge's gateway address, so only
// lab hosts (and the machine) can reach it:
//   node repo-server.js --root DIR --host ADDR --port N --ready FILE
// It answers GET and HEAD with files under DIR, honours If-Modified-Since
// and single byte ranges (apt uses both), and logs one line per request.
import { createReadStream, realpathSync } from 'node:fs';
import { readdir, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const TYPES: Readonly<Record<string, string>> = {
  '.deb': 'application/vnd.debian.binary-package',
  '.gz': 'application/gzip',
  '.xz': 'application/x-xz',
  '.gpg': 'application/pgp-keys',
  '.asc': 'application/pgp-keys',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

export function createRepoServer(root: string, log: (line: string) => void = () => undefined): Server {
  const realRoot = realpathSync(root);
  return createServer((request, response) => {
    serve(realRoot, request, response)
      .catch(() => send(response, 500, 'internal error\n'))
      .finally(() => log(`${request.method ?? '?'} ${request.url ?? '?'} ${response.statusCode}`));
  });
}

async function serve(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, 'method not allowed\n');
  }
  const target = await locate(root, request.url ?? '/');
  if (target === undefined) return send(response, 404, 'not found\n');
  const info = await stat(target);
  if (info.isDirectory()) return send(response, 200, await listing(target), 'text/plain; charset=utf-8', request.method === 'HEAD');
  if (!info.isFile()) return send(response, 404, 'not found\n');

  const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
  response.setHeader('Last-Modified', modified.toUTCString());
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Content-Type', TYPES[extname(target)] ?? 'application/octet-stream');
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && modified.getTime() <= since) {
    response.statusCode = 304;
    response.end();
    return;
  }
  const range = parseRange(request.headers.range, info.size);
  if (range === 'unsatisfiable') {
    response.setHeader('Content-Range', `bytes */${info.size}`);
    return send(response, 416, 'range not satisfiable\n');
  }
  const [start, end] = range ?? [0, info.size - 1];
  response.statusCode = range ? 206 : 200;
  if (range) response.setHeader('Content-Range', `bytes ${start}-${end}/${info.size}`);
  response.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (request.method === 'HEAD' || info.size === 0) {
    response.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(target, { start, end });
    stream.on('error', fail);
    response.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(response);
  });
}

/** The real path of a request inside root, or undefined if it is missing or escapes root. */
async function locate(root: string, url: string): Promise<string | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://repo').pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  try {
    const real = await realpath(resolve(root, `.${path}`));
    return real === root || real.startsWith(root + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** One "bytes=a-b" range; anything fancier is answered with the whole file. */
function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : [start, end];
}

async function listing(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort().join('\n') + '\n';
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', headOnly = false): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.statusCode = status;
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Length', String(Buffer.byteLength(body)));
  response.end(headOnly ? undefined : body);
}

/** Listens on the first free port from `port` on, then reports it in the ready file. */
export async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      root: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string', default: '8080' },
      ready: { type: 'string' },
      // Only tags the command line, so teardown can tell this lab's server apart.
      'state-dir': { type: 'string' },
    },
  });
  if (!values.root || !values.host || !values.ready) throw new Error('usage: repo-server --root DIR --host ADDR [--port N] --ready FILE');
  const server = createRepoServer(values.root, (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`));
  const host = values.host;
  let port = Number(values.port);
  for (let tries = 0; ; tries++) {
    const error = await listen(server, host, port);
    if (!error) break;
    if (error.code !== 'EADDRINUSE' || tries >= 20) throw error;
    port++;
  }
  const ready = values.ready;
  await writeFile(`${ready}.tmp`, `${JSON.stringify({ pid: process.pid, host, port })}\n`);
  await rename(`${ready}.tmp`, ready);
  process.stdout.write(`serving ${values.root} at http://${host}:${port}/\n`);
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function listen(server: Server, host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((done) => {
    const onError = (error: NodeJS.ErrnoException): void => done(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done(undefined);
    });
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`repo-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

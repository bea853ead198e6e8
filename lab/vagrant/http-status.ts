// GET a URL with a hard timeout and no connection reuse (a pooled keep-alive
// socket would hold the process open after the check).
import { request } from 'node:http';
import { describeError } from '../../engine/verify/describe-error.js';

export type StatusResult =
  | { readonly ok: true; readonly status: number; readonly ms: number; readonly body: string }
  | { readonly ok: false; readonly status?: number; readonly error: string };

export interface StatusOptions {
  readonly host: string;
  readonly port: number;
  readonly path?: string;
  readonly timeoutMs: number;
}

/** Keeps the first part of a body for messages; EMQX's /status is one short line. */
const BODY_LIMIT = 4096;

export function httpStatus(opts: StatusOptions): Promise<StatusResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { host: opts.host, port: opts.port, path: opts.path ?? '/status', method: 'GET', agent: false, headers: { connection: 'close' }, timeout: opts.timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < BODY_LIMIT) body += chunk;
        });
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          const ms = Math.round(performance.now() - started);
          resolve(status >= 200 && status < 300 ? { ok: true, status, ms, body } : { ok: false, status, error: `HTTP ${status}: ${body.trim().slice(0, 200)}` });
        });
        res.on('error', (err) => finish(err));
      },
    );
    // `timeout` above only covers idle sockets; this bounds the whole request.
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const finish = (err: Error): void => {
      clearTimeout(timer);
      resolve({ ok: false, error: describeError(err) });
    };
    req.on('timeout', () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
    req.on('error', finish);
    req.end();
  });
}

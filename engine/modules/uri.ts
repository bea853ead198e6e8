// uri: an HTTP request made from the host with curl. The request (URL, headers, credentials,
// body) goes to curl as a config file on stdin, so none of it shows in the host's process list.
// GET, HEAD and OPTIONS are read-only and also run in check mode; other methods do not.
import { randomBytes } from 'node:crypto';
import { defineModule, type ModuleContext, type ModuleResult } from './types.js';
import { quoteConfig } from './support/curl-config.js';
import { firstError, runScript } from './support/host.js';
import { fail } from './support/outcome.js';
import { bool, enumOf, int, objectSchema, str } from './support/schema.js';

export interface UriArgs {
  readonly url: string;
  readonly method?: string;
  readonly status_code?: number | readonly number[];
  readonly return_content?: boolean;
  readonly body?: unknown;
  readonly body_format?: 'raw' | 'json' | 'form-urlencoded';
  readonly headers?: Readonly<Record<string, string | number | boolean>>;
  readonly timeout?: number;
  readonly validate_certs?: boolean;
  readonly follow_redirects?: 'all' | 'safe' | 'none' | 'urllib2' | boolean;
  readonly url_username?: string;
  readonly url_password?: string;
  readonly user?: string;
  readonly password?: string;
}

const READ_ONLY = ['GET', 'HEAD', 'OPTIONS'];

export function bodyText(args: UriArgs): { text: string; type?: string } | undefined {
  if (args.body === undefined || args.body === null) return undefined;
  const format = args.body_format ?? 'raw';
  if (format === 'json') return { text: typeof args.body === 'string' ? args.body : JSON.stringify(args.body), type: 'application/json' };
  if (format === 'form-urlencoded' && typeof args.body === 'object') {
    const entries = Object.entries(args.body as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]);
    return { text: new URLSearchParams(entries).toString(), type: 'application/x-www-form-urlencoded' };
  }
  return { text: typeof args.body === 'string' ? args.body : JSON.stringify(args.body) };
}

/** The curl config for a request. */
export function curlConfig(args: UriArgs): string {
  const method = (args.method ?? 'GET').toUpperCase();
  const lines = [`url = ${quoteConfig(args.url)}`, `request = ${quoteConfig(method)}`, `max-time = ${args.timeout ?? 30}`];
  const body = bodyText(args);
  const headers = { ...(body?.type === undefined ? {} : { 'Content-Type': body.type }), ...args.headers };
  for (const [k, v] of Object.entries(headers)) lines.push(`header = ${quoteConfig(`${k}: ${v}`)}`);
  if (body !== undefined) lines.push(`data-binary = ${quoteConfig(body.text)}`);
  if (method === 'HEAD') lines.push('head');
  const follow = args.follow_redirects ?? 'safe';
  if (follow === true || follow === 'all' || follow === 'urllib2' || (follow === 'safe' && READ_ONLY.includes(method))) lines.push('location');
  if (args.validate_certs === false) lines.push('insecure');
  const user = args.url_username ?? args.user;
  if (user !== undefined) lines.push(`user = ${quoteConfig(`${user}:${args.url_password ?? args.password ?? ''}`)}`);
  return `${lines.join('\n')}\n`;
}

const SCRIPT = `h=$(mktemp) || exit 1
curl -sS -K - -D "$h" -w "\\n$1%{http_code}\\t%{url_effective}\\t%{num_redirects}\\t%{content_type}"; rc=$?
printf '\\n%s\\n' "$1"; cat -- "$h"; rm -f -- "$h"; exit $rc`;

export interface UriResponse {
  readonly status: number;
  readonly url: string;
  readonly redirects: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** Splits curl's output: body, marker + write-out, marker + the last header block. */
export function parseResponse(out: string, marker: string): UriResponse | undefined {
  const parts = out.split(marker);
  if (parts.length < 3) return undefined;
  const body = (parts[0] ?? '').replace(/\n$/, '');
  const [code = '0', url = '', redirects = '0', contentType = ''] = (parts[1] ?? '').replace(/\n$/, '').split('\t');
  const blocks = (parts[2] ?? '').replace(/\r/g, '').split(/\n\n+/).filter((b) => b.trim() !== '');
  const headers: Record<string, string> = {};
  for (const line of (blocks[blocks.length - 1] ?? '').split('\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase().replace(/-/g, '_')] = line.slice(i + 1).trim();
  }
  return { status: Number(code), url, redirects: Number(redirects), contentType, body, headers };
}

const RESERVED = new Set(['status', 'url', 'msg', 'content', 'json', 'elapsed', 'redirected', 'changed', 'failed']);

async function request(args: UriArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const marker = `@@deckhand-${randomBytes(8).toString('hex')}@@`;
  const start = Date.now();
  const res = await runScript(ctx, SCRIPT, [marker], { stdin: curlConfig(args) });
  const elapsed = Math.round((Date.now() - start) / 1000);
  const wanted = args.status_code === undefined ? [200] : typeof args.status_code === 'number' ? [args.status_code] : args.status_code;
  const r = parseResponse(res.stdout, marker);
  if (r === undefined || (res.rc !== 0 && r.status === 0)) {
    const msg = `Status code was -1 and not [${wanted.join(', ')}]: Request failed: ${firstError(res)}`;
    return { changed: false, failed: true, msg, data: { status: -1, url: args.url, elapsed, msg } };
  }
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => !RESERVED.has(k)));
  let json: unknown;
  if (/json/i.test(r.contentType) && r.body !== '') {
    try {
      json = JSON.parse(r.body);
    } catch {
      json = undefined;
    }
  }
  const ok = wanted.includes(r.status);
  const msg = ok ? `OK (${Buffer.byteLength(r.body)} bytes)` : `Status code was ${r.status} and not [${wanted.join(', ')}]: HTTP Error ${r.status}`;
  const data: Record<string, unknown> = {
    ...headers,
    status: r.status,
    url: r.url || args.url,
    redirected: r.redirects > 0,
    elapsed,
    msg,
    ...(json === undefined ? {} : { json }),
    ...(args.return_content === true || !ok ? { content: r.body } : {}),
  };
  return { changed: false, ...(ok ? {} : { failed: true }), msg, data };
}

export const uri = defineModule<UriArgs>({
  name: 'uri',
  schema: objectSchema(
    {
      url: str,
      method: { ...str, default: 'GET' },
      status_code: { anyOf: [int, { type: 'array', items: int }] },
      return_content: { ...bool, default: false },
      body: {},
      body_format: { ...enumOf('raw', 'json', 'form-urlencoded'), default: 'raw' },
      headers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
      timeout: { ...int, minimum: 1, default: 30 },
      validate_certs: { ...bool, default: true },
      follow_redirects: { anyOf: [bool, enumOf('all', 'safe', 'none', 'urllib2')] },
      url_username: str,
      url_password: str,
    },
    { required: ['url'], aliases: { user: 'url_username', password: 'url_password' } },
  ),
  async check(args, ctx) {
    if (!/^https?:\/\//i.test(args.url)) return fail(`url must be http:// or https://, got ${args.url}`);
    if (READ_ONLY.includes((args.method ?? 'GET').toUpperCase())) return { changed: false, final: await request(args, ctx) };
    if (ctx.check) return { changed: 'unknown', msg: `not sent in check mode: ${args.method ?? ''} may change the server` };
    return { changed: 'unknown' };
  },
  async apply(args, ctx) {
    return request(args, ctx);
  },
});

// wait_for: waits until a port on `host` accepts connections (or stops), or a file exists
// (optionally containing `search_regex`) or is gone, as seen from the target host. Each
// attempt is one bounded command on the host; between attempts the engine's sleep runs, so
// cancellation is honoured. Read-only: it waits in check mode too.
import { defineModule, type ModuleContext, type ModuleResult } from './types.js';
import { firstError, runScript } from './support/host.js';
import { fail } from './support/outcome.js';
import { toRegExp } from './support/py-regex.js';
import { enumOf, int, objectSchema, str } from './support/schema.js';

export interface WaitForArgs {
  readonly host?: string;
  readonly port?: number;
  readonly path?: string;
  readonly state?: 'started' | 'stopped' | 'present' | 'absent';
  readonly timeout?: number;
  readonly delay?: number;
  readonly sleep?: number;
  readonly connect_timeout?: number;
  readonly search_regex?: string;
  readonly msg?: string;
}

// A port is open when a TCP connection succeeds: bash's /dev/tcp under timeout where bash
// exists, otherwise curl's telnet:// (time_connect is zero when nothing answered).
const PORT_PROBE = `h=$1; p=$2; t=$3
if command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then
  if timeout "$t" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$h" "$p" 2>/dev/null; then echo open; else echo closed; fi
else
  c=$(curl -s -o /dev/null --connect-timeout "$t" -m "$t" -w '%{time_connect}' "telnet://$h:$p" </dev/null)
  case $c in ''|0|0.000|0.000000) echo closed ;; *) echo open ;; esac
fi`;

const PATH_PROBE = `if [ -e "$1" ]; then echo present; [ "$2" = 1 ] && tail -c 1048576 -- "$1"; else echo absent; fi; exit 0`;

type Attempt = { done: boolean; groups?: readonly string[]; groupdict?: Record<string, string> } | { error: string };

async function attempt(ctx: ModuleContext, args: WaitForArgs, state: string, re: RegExp | undefined): Promise<Attempt> {
  if (args.port !== undefined) {
    const res = await runScript(ctx, PORT_PROBE, [args.host ?? '127.0.0.1', String(args.port), String(args.connect_timeout ?? 5)]);
    if (res.rc !== 0) return { error: firstError(res) };
    const open = res.stdout.trim() === 'open';
    return { done: state === 'started' || state === 'present' ? open : !open };
  }
  const res = await runScript(ctx, PATH_PROBE, [args.path ?? '', re === undefined ? '0' : '1']);
  if (res.rc !== 0) return { error: firstError(res) };
  const nl = res.stdout.indexOf('\n');
  const exists = res.stdout.slice(0, nl < 0 ? undefined : nl) === 'present';
  if (state === 'absent' || state === 'stopped') return { done: !exists };
  if (!exists) return { done: false };
  if (re === undefined) return { done: true };
  const m = re.exec(res.stdout.slice(nl + 1));
  return m === null ? { done: false } : { done: true, groups: m.slice(1).map((g) => g ?? ''), groupdict: { ...m.groups } };
}

export async function waitFor(args: WaitForArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const state = args.state ?? 'started';
  const started = Date.now();
  const elapsed = (): number => Math.floor((Date.now() - started) / 1000);
  const timeoutMs = (args.timeout ?? 300) * 1000;
  const re = args.search_regex === undefined ? undefined : toRegExp(args.search_regex, 'm');
  if (re !== undefined && !(re instanceof RegExp)) return { changed: false, failed: true, msg: re.error };
  if ((args.delay ?? 0) > 0) await ctx.sleep((args.delay ?? 0) * 1000);
  const base = { state, ...(args.port === undefined ? {} : { port: args.port }), ...(args.path === undefined ? {} : { path: args.path }) };
  if (args.port === undefined && args.path === undefined) {
    await ctx.sleep(timeoutMs);
    return { changed: false, data: { ...base, elapsed: elapsed() } };
  }
  for (;;) {
    const a = await attempt(ctx, args, state, re);
    if ('error' in a) return { changed: false, failed: true, msg: a.error, data: { ...base, elapsed: elapsed() } };
    if (a.done) {
      const groups = a.groups === undefined ? {} : { match_groups: a.groups, match_groupdict: a.groupdict ?? {} };
      return { changed: false, data: { ...base, elapsed: elapsed(), ...groups } };
    }
    if (Date.now() - started >= timeoutMs) break;
    await ctx.sleep(Math.min((args.sleep ?? 1) * 1000, Math.max(0, timeoutMs - (Date.now() - started))));
  }
  const target = args.port !== undefined ? `${args.host ?? '127.0.0.1'}:${args.port}` : (args.path ?? '');
  const msg = args.msg ?? `Timeout when waiting for ${target}${state === 'stopped' || state === 'absent' ? ' to stop' : ''}`;
  return { changed: false, failed: true, msg, data: { ...base, elapsed: elapsed(), msg } };
}

export const waitForModule = defineModule<WaitForArgs>({
  name: 'wait_for',
  schema: objectSchema({
    host: { ...str, default: '127.0.0.1' },
    port: { ...int, minimum: 1, maximum: 65535 },
    path: str,
    state: { ...enumOf('started', 'stopped', 'present', 'absent'), default: 'started' },
    timeout: { type: 'number', minimum: 0, default: 300 },
    delay: { type: 'number', minimum: 0, default: 0 },
    sleep: { type: 'number', minimum: 0, default: 1 },
    connect_timeout: { ...int, minimum: 1, default: 5 },
    search_regex: str,
    msg: str,
  }),
  async check(args, ctx) {
    if (args.port !== undefined && args.path !== undefined) return fail('port and path are mutually exclusive');
    if (args.port !== undefined && args.search_regex !== undefined) return fail('search_regex is supported with path only');
    return { changed: false, final: await waitFor(args, ctx) };
  },
  async apply(args, ctx) {
    return waitFor(args, ctx);
  },
});

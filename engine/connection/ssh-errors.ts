// Turns ssh2's errors into ConnectionFailure with a kind the runner can act on.
import { ConnectionFailure } from './connection-failure.js';
import type { HostKeyVerdict } from './host-key-policy.js';

export interface FailureContext {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /** true until the connection is ready. */
  readonly connecting: boolean;
  readonly connectTimeoutMs: number;
  readonly keepaliveMs: number;
  /** Set when hostVerifier refused the key. */
  readonly verdict?: HostKeyVerdict;
  /** Whether the offered host key algorithms were narrowed to the known key types. */
  readonly narrowedHostKeys: boolean;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT']);

export function failureFromSshError(ctx: FailureContext, err: unknown): ConnectionFailure {
  const where = `${ctx.address}:${ctx.port}`;
  const message = err instanceof Error ? err.message : String(err);
  const level = field(err, 'level');
  const code = field(err, 'code');
  if (ctx.verdict !== undefined && !ctx.verdict.ok) {
    return new ConnectionFailure(ctx.verdict.kind, ctx.host, ctx.verdict.message, { fingerprint: ctx.verdict.fingerprint, cause: err });
  }
  if (ctx.narrowedHostKeys && /host key format|host key/i.test(message) && level === 'handshake') {
    return new ConnectionFailure('host-key-changed', ctx.host,
      `${where} offers none of the host key types recorded in known_hosts (${message}); the host key may have changed`, { cause: err });
  }
  if (level === 'client-timeout') {
    return ctx.connecting
      ? new ConnectionFailure('timeout', ctx.host, `no SSH session with ${where} within ${ctx.connectTimeoutMs} ms`, { cause: err })
      : new ConnectionFailure('unreachable', ctx.host, `${where} stopped answering keepalives (~${ctx.keepaliveMs} ms)`, { cause: err });
  }
  if (level === 'client-authentication') {
    return new ConnectionFailure('auth', ctx.host, `authentication as ${ctx.user} at ${where} failed: ${message}`, { cause: err });
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new ConnectionFailure('unreachable', ctx.host, `${ctx.connecting ? 'cannot connect to' : 'lost connection to'} ${where}: ${code}`, { cause: err });
  }
  return new ConnectionFailure('unreachable', ctx.host, `${ctx.connecting ? 'cannot connect to' : 'lost connection to'} ${where}: ${message}`, { cause: err });
}

function field(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null || !(name in err)) return undefined;
  const value: unknown = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

// One persistent ssh2 connection per host, shared by every exec/put/get.
// ssh2 is used directly (not node-ssh): node-ssh listens for 'error' only
// during a call, cannot set TCP_NODELAY, has no exec stdin and maps a
// signal-killed command to a null code.
import { readFileSync } from 'node:fs';
import { Client, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { connectionOver } from './connection-base.js';
import { ConnectionFailure } from './connection-failure.js';
import { checkHostKey, knownKeyAlgorithms, type HostKeyVerdict } from './host-key-policy.js';
import { loadKnownHosts, lookupName } from './known-hosts.js';
import { ChannelSemaphore } from './channel-semaphore.js';
import { ChannelRefused, runOnChannel, type ChannelHost } from './ssh-channel-run.js';
import { failureFromSshError, type FailureContext } from './ssh-errors.js';
import type { RawRun, Runner } from './runner.js';
import type { Connection, SshTarget } from './types.js';

export const SSH_DEFAULTS = {
  connectTimeoutMs: 10_000,
  keepaliveIntervalMs: 3_000,
  keepaliveCountMax: 3,
  maxChannels: 8,
} as const;

/** Knobs not in SshTarget: for measuring, not for inventories. */
export interface SshTuning {
  /** Disable Nagle's algorithm (default true); each command is several tiny packets. */
  readonly noDelay?: boolean;
}

// Retries of a refused channel open (MaxSessions below maxChannels), with
// exponential backoff: about 6 s in all before giving up.
const MAX_OPEN_RETRIES = 12;
const OPEN_RETRY_BASE_MS = 10;
const OPEN_RETRY_MAX_MS = 1000;
const CLOSE_WAIT_MS = 2_000;

export function openSsh(target: SshTarget): Promise<Connection> {
  return openSshWith(target, {});
}

export async function openSshWith(target: SshTarget, tuning: SshTuning): Promise<Connection> {
  const settings = {
    connectTimeoutMs: target.connectTimeoutMs ?? SSH_DEFAULTS.connectTimeoutMs,
    keepaliveIntervalMs: target.keepaliveIntervalMs ?? SSH_DEFAULTS.keepaliveIntervalMs,
    keepaliveCountMax: target.keepaliveCountMax ?? SSH_DEFAULTS.keepaliveCountMax,
  };
  // Validated before connecting, so a bad value cannot leave a connection open.
  const semaphore = new ChannelSemaphore(target.maxChannels ?? SSH_DEFAULTS.maxChannels);
  const name = lookupName(target.address, target.port);
  let verdict: HostKeyVerdict | undefined;
  let narrowed: string[] | undefined;
  const config: ConnectConfig = {
    host: target.address,
    port: target.port,
    username: target.user,
    readyTimeout: settings.connectTimeoutMs,
    keepaliveInterval: settings.keepaliveIntervalMs,
    keepaliveCountMax: settings.keepaliveCountMax,
    ...(target.password === undefined ? {} : { password: target.password }),
  };
  if (target.privateKeyPath !== undefined) {
    try {
      config.privateKey = readFileSync(target.privateKeyPath);
    } catch (err) {
      throw new ConnectionFailure('auth', target.host, `cannot read private key ${target.privateKeyPath}: ${(err as Error).message}`, { cause: err });
    }
  }
  if (target.hostKeyChecking) {
    let known;
    try {
      known = loadKnownHosts(target.knownHostsFiles);
    } catch (err) {
      throw new ConnectionFailure('host-key-unknown', target.host, `cannot read known_hosts: ${(err as Error).message}`, { cause: err });
    }
    narrowed = knownKeyAlgorithms(known, name);
    if (narrowed !== undefined) config.algorithms = { serverHostKey: narrowed as ServerHostKeyAlgorithm[] };
    config.hostVerifier = (key: Buffer): boolean => {
      verdict = checkHostKey(known, name, key);
      return verdict.ok;
    };
  } else {
    // A knowing choice (host_key_checking=False): any key is accepted.
    config.hostVerifier = (): boolean => true;
  }

  let connecting = true;
  const context = (): FailureContext => ({
    host: target.host, address: target.address, port: target.port, user: target.user,
    connecting, connectTimeoutMs: settings.connectTimeoutMs,
    keepaliveMs: settings.keepaliveIntervalMs * (settings.keepaliveCountMax + 1),
    narrowedHostKeys: narrowed !== undefined,
    ...(verdict === undefined ? {} : { verdict }),
  });

  const client = new Client();
  let dead: ConnectionFailure | undefined;
  const pending = new Set<(failure: ConnectionFailure) => void>();
  const markDead = (failure: ConnectionFailure): void => {
    if (dead !== undefined) return;
    dead = failure;
    for (const fail of [...pending]) fail(failure);
  };
  let firstError: unknown;
  // Always listening: an ECONNRESET after the host dies must never become an uncaughtException.
  client.on('error', (err) => {
    firstError ??= err;
    if (!connecting) markDead(failureFromSshError(context(), err));
  });
  const lost = (): void => {
    if (!connecting) markDead(failureFromSshError(context(), firstError ?? new Error('connection closed by the server')));
  };
  let clientClosed = false;
  client.on('end', lost);
  client.on('close', () => { clientClosed = true; lost(); });

  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      connecting = false;
      dead = failureFromSshError({ ...context(), connecting: true }, err);
      client.end();
      reject(dead);
    };
    client.once('ready', () => {
      connecting = false;
      resolve();
    });
    client.once('error', fail);
    client.once('close', () => { if (connecting) fail(firstError ?? new Error('connection closed during the SSH handshake')); });
    try {
      client.connect(config);
      // Commands are many tiny packets; with Nagle each waits on a delayed ACK (~40 ms).
      client.setNoDelay(tuning.noDelay ?? true);
    } catch (err) {
      // ssh2 throws synchronously for an unusable private key.
      connecting = false;
      const failure = new ConnectionFailure('auth', target.host, `unusable credentials: ${(err as Error).message}`, { cause: err });
      dead = failure;
      reject(failure);
    }
  });

  const host: ChannelHost = {
    client,
    dead: () => dead,
    track(fail) {
      pending.add(fail);
      return () => pending.delete(fail);
    },
  };
  let closing: Promise<void> | undefined;
  const runner: Runner = {
    remoteTimeout: true,
    async run(command, opts): Promise<RawRun> {
      for (let attempt = 0; ; attempt++) {
        const release = await semaphore.acquire();
        try {
          return await runOnChannel(host, command, opts);
        } catch (err) {
          if (!(err instanceof ChannelRefused)) throw err;
          if (attempt >= MAX_OPEN_RETRIES) {
            throw new ConnectionFailure('unreachable', target.host, `the server refused to open a session: ${err.message}`, { cause: err });
          }
          // sshd frees a closed session slightly after the close, so one
          // refusal may be that race. Refused again while others are open:
          // the server allows fewer sessions than maxChannels; adopt its limit.
          const others = semaphore.inUse - 1;
          if (attempt > 0 && others > 0) semaphore.lower(others);
        } finally {
          release();
        }
        await new Promise((r) => setTimeout(r, Math.min(OPEN_RETRY_MAX_MS, OPEN_RETRY_BASE_MS * 2 ** attempt)));
      }
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        markDead(new ConnectionFailure('unreachable', target.host, 'connection was closed'));
        if (clientClosed) { resolve(); return; }
        const timer = setTimeout(() => { client.destroy(); resolve(); }, CLOSE_WAIT_MS);
        timer.unref();
        client.once('close', () => { clearTimeout(timer); resolve(); });
        client.end();
      });
      return closing;
    },
  };
  return connectionOver(target.host, runner);
}

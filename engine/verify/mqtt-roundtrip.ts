// One MQTT publish/subscribe round trip against a broker, with a hard overall
// deadline. MQTT.js retries forever by default (reconnectPeriod 1000 ms), waits
// 30 s for CONNACK, and reports a refused connection as 'close' rather than
// 'error': each of those would turn a failed check into a hang. So: no
// reconnect, a connect timeout, every wait raced against the deadline, and the
// client force-closed on every path.
import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import { describeError } from './describe-error.js';

export type RoundTripStep = 'connect' | 'subscribe' | 'publish' | 'receive';

export type RoundTripResult =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly step: RoundTripStep; readonly error: string };

export interface RoundTripOptions {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  /** The whole round trip, connect to receive. */
  readonly timeoutMs: number;
}

/** Longest wait for the client to close; a stuck close must not outlive the check. */
const CLOSE_WAIT_MS = 1000;

/** Races promises against one overall deadline; clears its timer when each race settles. */
function deadline(timeoutMs: number): <T>(work: Promise<T>) => Promise<T> {
  const endsAt = performance.now() + timeoutMs;
  return <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      const left = Math.max(0, endsAt - performance.now());
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), left);
    });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  };
}

function connected(client: MqttClient): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (): void => {
      client.off('connect', onConnect).off('error', onError).off('close', onClose);
    };
    const onConnect = (): void => {
      done();
      resolve();
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const onClose = (): void => {
      done();
      reject(new Error('connection closed before CONNACK'));
    };
    client.on('connect', onConnect).on('error', onError).on('close', onClose);
  });
}

function nextMessage(client: MqttClient, topic: string, payload: string): { promise: Promise<void>; dispose: () => void } {
  let onMessage: ((t: string, body: Buffer) => void) | undefined;
  const promise = new Promise<void>((resolve) => {
    onMessage = (t, body) => {
      if (t === topic && body.toString() === payload) resolve();
    };
    client.on('message', onMessage);
  });
  return { promise, dispose: () => onMessage && client.off('message', onMessage) };
}

async function closeClient(client: MqttClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_WAIT_MS);
  });
  try {
    await Promise.race([client.endAsync(true).catch(() => undefined), cap]);
  } finally {
    clearTimeout(timer);
  }
}

export async function mqttRoundTrip(opts: RoundTripOptions): Promise<RoundTripResult> {
  const started = performance.now();
  const nonce = randomBytes(8).toString('hex');
  const topic = `deckhand/roundtrip/${nonce}`;
  const within = deadline(opts.timeoutMs);
  const client = connect({
    host: opts.host,
    port: opts.port,
    protocol: 'mqtt',
    clientId: `deckhand-check-${nonce}`,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: opts.timeoutMs,
    ...(opts.username !== undefined ? { username: opts.username } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
  });
  // A late 'error' without a listener would be thrown by the EventEmitter.
  client.on('error', () => undefined);
  let step: RoundTripStep = 'connect';
  let received: ReturnType<typeof nextMessage> | undefined;
  try {
    await within(connected(client));
    step = 'subscribe';
    const granted = await within(client.subscribeAsync(topic, { qos: 1 }));
    const qos = granted[0]?.qos;
    if (qos === undefined || qos >= 0x80) throw new Error(`subscription refused (granted ${String(qos)})`);
    received = nextMessage(client, topic, nonce);
    step = 'publish';
    await within(client.publishAsync(topic, nonce, { qos: 1 }));
    step = 'receive';
    await within(received.promise);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, step, error: describeError(err) };
  } finally {
    received?.dispose();
    await closeClient(client);
  }
}

/** What MQTT.js reports when the broker refuses the login (CONNACK 4 or 5 in MQTT 3.1.1). */
const LOGIN_REFUSED = /not authori[sz]ed|bad user ?name or password/i;

/** The round trip failed because the broker refused the credentials (or their absence). */
export function isLoginRefused(result: RoundTripResult): boolean {
  return !result.ok && result.step === 'connect' && LOGIN_REFUSED.test(result.error);
}

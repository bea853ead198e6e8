// mqttRoundTrip without a real broker: a closed port, a server that never answers, and a fake
// broker that misbehaves after login. Each failure names its step and comes by its deadline.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { startFakeBroker, type FakeBroker } from '../../lab/vagrant/fake-mqtt-broker.js';
import { freePort } from '../../lab/vagrant/mosquitto-broker.js';
import { isLoginRefused, mqttRoundTrip } from '../../../engine/verify/mqtt-roundtrip.js';

const HOST = '127.0.0.1';
/** Far above any normal run: only a run that waits for its deadline, or hangs, comes near it. */
const LONG_DEADLINE_MS = 60_000;
/** Slack above a deadline that proves the run gave up, rather than hung, on a loaded machine. */
const HANG_SLACK_MS = 10_000;

describe('mqttRoundTrip without a usable broker', function () {
  this.timeout(30_000);

  it('fails fast at connect on a closed port', async () => {
    const closed = await freePort();
    const started = performance.now();
    const result = await mqttRoundTrip({ host: HOST, port: closed, username: 'u', password: 'p', timeoutMs: LONG_DEADLINE_MS });
    const elapsed = performance.now() - started;
    assert.ok(!result.ok && result.step === 'connect', JSON.stringify(result));
    assert.match(result.ok ? '' : result.error, /ECONNREFUSED|closed/);
    // The refusal ends the attempt: it does not wait for a deadline far away.
    assert.ok(elapsed < LONG_DEADLINE_MS / 2, `took ${elapsed} ms, the timeout was ${LONG_DEADLINE_MS} ms`);
    assert.equal(isLoginRefused(result), false);
  });

  describe('against a server that accepts TCP and never answers', () => {
    let server: Server;
    let silentPort: number;
    const sockets = new Set<Socket>();

    before(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
      const address = server.address();
      assert.ok(typeof address === 'object' && address);
      silentPort = address.port;
    });

    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('gives up at connect when the overall deadline passes', async () => {
      const started = performance.now();
      const result = await mqttRoundTrip({ host: HOST, port: silentPort, timeoutMs: 1000 });
      const elapsed = performance.now() - started;
      assert.ok(!result.ok && result.step === 'connect', JSON.stringify(result));
      // It waited for the deadline (timers never fire early) and gave up then, rather than hang.
      assert.ok(elapsed >= 900 && elapsed < 1000 + HANG_SLACK_MS, `took ${elapsed} ms`);
    });
  });
});

describe('mqttRoundTrip against a broker that misbehaves after login', function () {
  this.timeout(30_000);
  let broker: FakeBroker | undefined;

  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  it('fails at subscribe when the subscription is refused (SUBACK 0x80)', async () => {
    broker = await startFakeBroker({ suback: 0x80, puback: true });
    const result = await mqttRoundTrip({ host: HOST, port: broker.port, timeoutMs: 3000 });
    assert.ok(!result.ok && result.step === 'subscribe', JSON.stringify(result));
  });

  it('fails at publish, within the deadline, when the publish is never acknowledged', async () => {
    broker = await startFakeBroker({ suback: 0x01, puback: false });
    const started = performance.now();
    const result = await mqttRoundTrip({ host: HOST, port: broker.port, timeoutMs: 1000 });
    assert.ok(!result.ok && result.step === 'publish', JSON.stringify(result));
    assert.ok(performance.now() - started < 1000 + HANG_SLACK_MS, 'gave up at the deadline rather than hang');
  });

  it('fails at receive when the broker acknowledges but never delivers', async () => {
    broker = await startFakeBroker({ suback: 0x01, puback: true });
    const result = await mqttRoundTrip({ host: HOST, port: broker.port, timeoutMs: 1000 });
    assert.ok(!result.ok && result.step === 'receive', JSON.stringify(result));
  });
});

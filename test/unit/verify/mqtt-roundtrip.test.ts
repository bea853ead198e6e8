import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { startFakeBroker, type FakeBroker } from '../../lab/vagrant/fake-mqtt-broker.js';
import { findProgram } from '../../lab/vagrant/find-program.js';
import { freePort, startMosquitto, type Broker } from '../../lab/vagrant/mosquitto-broker.js';
import { isLoginRefused, mqttRoundTrip } from '../../../engine/verify/mqtt-roundtrip.js';

const HOST = '127.0.0.1';

/** Lets destroyed sockets (e.g. the broker readiness probe) finish closing. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** Open sockets, to prove every path closes its client. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

const hasMosquitto = findProgram('mosquitto') !== undefined && findProgram('mosquitto_passwd') !== undefined;
const withMosquitto = hasMosquitto ? describe : describe.skip;
const skipNote = hasMosquitto ? '' : ' (skipped: mosquitto is not installed; apt-get install mosquitto)';

withMosquitto(`mqttRoundTrip against a local mosquitto${skipNote}`, function () {
  this.timeout(20_000);
  let broker: Broker | undefined;

  before(async () => {
    broker = await startMosquitto([
      { username: 'deckhand', password: 'lab-secret', acl: ['topic readwrite deckhand/#'] },
      { username: 'reader', password: 'reader-secret', acl: ['topic read deckhand/#'] },
    ]);
  });

  after(async () => {
    await broker?.stop();
  });

  const port = (): number => {
    assert.ok(broker);
    return broker.port;
  };

  it('completes a publish/subscribe round trip with valid credentials', async () => {
    const result = await mqttRoundTrip({ host: HOST, port: port(), username: 'deckhand', password: 'lab-secret', timeoutMs: 5000 });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok && result.ms < 5000);
  });

  const refusals = [
    { name: 'a wrong password', username: 'deckhand', password: 'wrong' },
    { name: 'an unknown user', username: 'nobody', password: 'x' },
    { name: 'no credentials (anonymous)' },
  ] as const;
  for (const c of refusals) {
    it(`fails fast at connect, as a refused login, with ${c.name}`, async () => {
      const started = performance.now();
      const result = await mqttRoundTrip({ host: HOST, port: port(), timeoutMs: 5000, ...('username' in c ? { username: c.username, password: c.password } : {}) });
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.step === 'connect', JSON.stringify(result));
      assert.ok(isLoginRefused(result), JSON.stringify(result));
      assert.ok(performance.now() - started < 2000, 'a refused login must not wait for the deadline');
    });
  }

  it('fails at receive, within the deadline, when the publish never comes back', async () => {
    // mosquitto acknowledges a publish it may not route and drops it.
    const started = performance.now();
    const result = await mqttRoundTrip({ host: HOST, port: port(), username: 'reader', password: 'reader-secret', timeoutMs: 1500 });
    const elapsed = performance.now() - started;
    assert.ok(!result.ok && result.step === 'receive', JSON.stringify(result));
    assert.match(result.ok ? '' : result.error, /timed out after 1500 ms/);
    assert.ok(elapsed >= 1400 && elapsed < 1500 + 1500, `took ${elapsed} ms`);
  });

  it('leaves no socket open on success or failure', async () => {
    await settle();
    const before = openSockets();
    await mqttRoundTrip({ host: HOST, port: port(), username: 'deckhand', password: 'lab-secret', timeoutMs: 3000 });
    await mqttRoundTrip({ host: HOST, port: port(), username: 'deckhand', password: 'wrong', timeoutMs: 3000 });
    await settle();
    assert.ok(openSockets() <= before, `${openSockets()} sockets open, ${before} before`);
  });
});

describe('mqttRoundTrip without a usable broker', function () {
  this.timeout(10_000);

  it('fails fast at connect on a closed port', async () => {
    const closed = await freePort();
    const started = performance.now();
    const result = await mqttRoundTrip({ host: HOST, port: closed, username: 'u', password: 'p', timeoutMs: 3000 });
    const elapsed = performance.now() - started;
    assert.ok(!result.ok && result.step === 'connect', JSON.stringify(result));
    assert.match(result.ok ? '' : result.error, /ECONNREFUSED|closed/);
    assert.ok(elapsed < 3000, `took ${elapsed} ms, the timeout was 3000 ms`);
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
      assert.ok(elapsed >= 900 && elapsed < 1000 + 1500, `took ${elapsed} ms`);
    });
  });
});

describe('mqttRoundTrip against a broker that misbehaves after login', function () {
  this.timeout(10_000);
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
    assert.ok(performance.now() - started < 2500);
  });

  it('fails at receive when the broker acknowledges but never delivers', async () => {
    broker = await startFakeBroker({ suback: 0x01, puback: true });
    const result = await mqttRoundTrip({ host: HOST, port: broker.port, timeoutMs: 1000 });
    assert.ok(!result.ok && result.step === 'receive', JSON.stringify(result));
  });
});

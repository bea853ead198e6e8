// mqttRoundTrip against a real mosquitto on 127.0.0.1: a round trip, refused logins, a publish the
// broker drops. Needs mosquitto (apt-get install mosquitto); skipped with that reason without it.
import assert from 'node:assert/strict';
import { startMosquitto, type Broker } from '../../lab/vagrant/mosquitto-broker.js';
import { isLoginRefused, mqttRoundTrip } from '../../../engine/verify/mqtt-roundtrip.js';
import { requireSystem } from '../../support/require-system.js';
import { waitFor } from '../../support/wait-for.js';

const HOST = '127.0.0.1';
/** Far above any normal run: only a run that waits for its deadline, or hangs, comes near it. */
const LONG_DEADLINE_MS = 60_000;
/** Slack above a deadline that proves the run gave up, rather than hung, on a loaded machine. */
const HANG_SLACK_MS = 10_000;

/** Open sockets, to prove every path closes its client. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

describe('mqttRoundTrip against a local mosquitto', function () {
  this.timeout(30_000);
  let broker: Broker | undefined;

  before(async function () {
    requireSystem(this, 'mosquitto', 'mosquitto_passwd');
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
      const result = await mqttRoundTrip({ host: HOST, port: port(), timeoutMs: LONG_DEADLINE_MS, ...('username' in c ? { username: c.username, password: c.password } : {}) });
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.step === 'connect', JSON.stringify(result));
      assert.ok(isLoginRefused(result), JSON.stringify(result));
      // The refusal ends the attempt: it does not wait for a deadline far away.
      assert.ok(performance.now() - started < LONG_DEADLINE_MS / 2, 'a refused login must not wait for the deadline');
    });
  }

  it('fails at receive, within the deadline, when the publish never comes back', async () => {
    // mosquitto acknowledges a publish it may not route and drops it.
    const started = performance.now();
    const result = await mqttRoundTrip({ host: HOST, port: port(), username: 'reader', password: 'reader-secret', timeoutMs: 1500 });
    const elapsed = performance.now() - started;
    assert.ok(!result.ok && result.step === 'receive', JSON.stringify(result));
    assert.match(result.ok ? '' : result.error, /timed out after 1500 ms/);
    // It waited for the deadline (timers never fire early) and gave up then, rather than hang.
    assert.ok(elapsed >= 1400 && elapsed < 1500 + HANG_SLACK_MS, `took ${elapsed} ms`);
  });

  it('leaves no socket open on success or failure', async () => {
    const before = openSockets();
    await mqttRoundTrip({ host: HOST, port: port(), username: 'deckhand', password: 'lab-secret', timeoutMs: 5000 });
    await mqttRoundTrip({ host: HOST, port: port(), username: 'deckhand', password: 'wrong', timeoutMs: 5000 });
    // A destroyed socket leaves the active list a moment later.
    await waitFor(openSockets, { until: (n) => n <= before, timeoutMs: 5000, what: `open sockets back to ${before}` });
  });
});


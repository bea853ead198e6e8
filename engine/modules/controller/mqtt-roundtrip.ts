// mqtt_roundtrip: from the controller, connect to a broker, subscribe to a unique topic, publish
// with QoS 1 and receive the message back within a deadline — or, with expect: refused, prove
// that the broker turns an anonymous client away. Read-only, so it also runs in check mode.
import { defineModule } from '../types.js';

interface MqttArgs {
  host: string;
  port: number | string;
  username?: string;
  password?: string;
  timeout?: number | string;
  expect?: 'roundtrip' | 'refused';
}

export const mqttRoundtrip = defineModule<MqttArgs>({
  name: 'mqtt_roundtrip',
  local: true,
  schema: {
    type: 'object',
    required: ['host', 'port'],
    additionalProperties: false,
    properties: {
      host: { type: 'string' },
      port: { type: ['integer', 'string'] },
      username: { type: 'string' },
      password: { type: 'string' },
      timeout: { type: ['number', 'string'] },
      expect: { enum: ['roundtrip', 'refused'] },
    },
  },
  async check(args) {
    const port = Number(args.port);
    const timeoutMs = Number(args.timeout ?? 15) * 1000;
    const where = `${args.host}:${port}`;
    // Loaded on use: the MQTT client is large, and most runs (and every --syntax-check) never need it.
    const { mqttRoundTrip } = await import('../../verify/mqtt-roundtrip.js');
    const r = await mqttRoundTrip({
      host: args.host,
      port,
      timeoutMs,
      ...(args.username ? { username: args.username } : {}),
      ...(args.password ? { password: args.password } : {}),
    });
    if (args.expect === 'refused') {
      const refused = !r.ok && r.step === 'connect';
      const msg = refused ? `${where}: anonymous client refused (${r.error})` : `${where}: an anonymous client ${r.ok ? 'completed a round trip' : `got as far as ${r.step}`}: the broker accepts anonymous clients`;
      return { changed: false, final: { changed: false, failed: !refused, msg } };
    }
    if (r.ok) return { changed: false, final: { changed: false, msg: `${where}: round trip in ${r.ms} ms`, data: { ms: r.ms } } };
    return { changed: false, final: { changed: false, failed: true, msg: `${where}: MQTT ${r.step} failed: ${r.error}`, data: { step: r.step } } };
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});

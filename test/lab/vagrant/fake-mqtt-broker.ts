// Test support: a loopback TCP server speaking just enough MQTT 3.1.1 to
// accept a login and then misbehave in one chosen way, for the failure paths a
// real broker will not produce on demand (a refused subscription, a publish
// that is never acknowledged).
import { createServer, type Server, type Socket } from 'node:net';

export interface FakeBrokerBehaviour {
  /** SUBACK return code: 0x00-0x02 granted, 0x80 refused. */
  readonly suback: number;
  /** Acknowledge QoS 1 publishes (PUBACK)? */
  readonly puback: boolean;
}

export interface FakeBroker {
  readonly port: number;
  close(): Promise<void>;
}

/** Splits a byte stream into MQTT packets: [fixed header byte, body]. */
function* packets(buffer: Buffer): Generator<{ type: number; body: Buffer; end: number }> {
  let offset = 0;
  while (offset < buffer.length) {
    let length = 0;
    let multiplier = 1;
    let i = offset + 1;
    for (;;) {
      const byte = buffer[i];
      if (byte === undefined) return;
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      i++;
      if ((byte & 0x80) === 0) break;
    }
    if (i + length > buffer.length) return;
    yield { type: buffer[offset] ?? 0, body: buffer.subarray(i, i + length), end: i + length };
    offset = i + length;
  }
}

function answer(socket: Socket, type: number, body: Buffer, behaviour: FakeBrokerBehaviour): void {
  const kind = type >> 4;
  if (kind === 1) socket.write(Buffer.from([0x20, 0x02, 0x00, 0x00])); // CONNECT → CONNACK accepted
  if (kind === 8) socket.write(Buffer.from([0x90, 0x03, body[0] ?? 0, body[1] ?? 0, behaviour.suback])); // SUBSCRIBE → SUBACK
  if (kind === 3 && ((type >> 1) & 0x03) === 1 && behaviour.puback) {
    const topicLength = ((body[0] ?? 0) << 8) | (body[1] ?? 0);
    const id = body.subarray(2 + topicLength, 4 + topicLength);
    socket.write(Buffer.concat([Buffer.from([0x40, 0x02]), id])); // PUBLISH qos 1 → PUBACK
  }
  if (kind === 12) socket.write(Buffer.from([0xd0, 0x00])); // PINGREQ → PINGRESP
}

export async function startFakeBroker(behaviour: FakeBrokerBehaviour): Promise<FakeBroker> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      let consumed = 0;
      for (const p of packets(pending)) {
        answer(socket, p.type, p.body, behaviour);
        consumed = p.end;
      }
      pending = pending.subarray(consumed);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('fake broker has no port');
  return {
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

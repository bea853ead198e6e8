// Test support: Debian's mosquitto on 127.0.0.1 at a free port, with users
// and an ACL, for the MQTT round-trip tests. Stopped by stop(); never listens
// beyond loopback.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { findProgram } from './find-program.js';

export interface BrokerUser {
  readonly username: string;
  readonly password: string;
  /** mosquitto ACL lines for this user, e.g. `topic readwrite deckhand/#`. */
  readonly acl: readonly string[];
}

export interface Broker {
  readonly port: number;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const settle = (up: boolean): void => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}

export async function startMosquitto(users: readonly BrokerUser[]): Promise<Broker> {
  const mosquitto = findProgram('mosquitto');
  const passwd = findProgram('mosquitto_passwd');
  if (!mosquitto || !passwd) throw new Error('mosquitto is not installed (Debian package: mosquitto)');
  const dir = await mkdtemp(join(tmpdir(), 'deckhand-mosquitto-'));
  const passwordFile = join(dir, 'passwd');
  const aclFile = join(dir, 'acl');
  await writeFile(passwordFile, '', { mode: 0o600 });
  for (const user of users) await execa(passwd, ['-b', passwordFile, user.username, user.password]);
  await writeFile(aclFile, users.map((u) => [`user ${u.username}`, ...u.acl, ''].join('\n')).join('\n'));
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  await writeFile(config, [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous false',
    `password_file ${passwordFile}`,
    `acl_file ${aclFile}`,
    'persistence false',
    'log_dest stderr',
    '',
  ].join('\n'));
  // Started as root, mosquitto drops to its own user before reading the files.
  await chmod(dir, 0o755);
  for (const file of [passwordFile, aclFile, config]) await chmod(file, 0o644);
  const child = execa(mosquitto, ['-c', config], { reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' });
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await child;
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (await accepts(port)) return { port, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  const result = await child;
  await rm(dir, { recursive: true, force: true });
  throw new Error(`mosquitto did not start on port ${port}: ${String(result.stderr)}`);
}

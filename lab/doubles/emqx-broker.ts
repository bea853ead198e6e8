// The process behind an EMQX workload: Debian's mosquitto with a generated
// config (anonymous or password file), and a small HTTP server answering
// EMQX's /status and /api/v5/login on the dashboard port. One broker per
// workload, run by the node of its first running pod, so every replica and
// every NodePort reaches the same broker, as clients see a clustered EMQX.
// When that pod changes, the old node keeps its broker until the new one is
// published (kubelet-loop.ts), so clients never see a gap.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bindAddress, labStatePath } from './lab-env.js';
import { probeTcp } from './net-probe.js';
import type { BrokerSettings } from './emqx-settings.js';

export const MQTT_PORT = 1883;
export const DASHBOARD_PORT = 18083;

interface Broker {
  readonly key: string;
  readonly settings: BrokerSettings;
  readonly child: ChildProcess;
  readonly http: Server;
  readonly mqttPort: number;
  readonly httpPort: number;
  ready: boolean;
}

/** Mosquitto 2's $7$ password hash: PBKDF2-SHA512, 101 iterations. */
export function mosquittoHash(password: string): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return `$7$101$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class EmqxBrokers {
  private readonly brokers = new Map<string, Broker>();

  /**
   * Ensures exactly the wanted brokers run; returns the backends per container port of those
   * that accept MQTT connections (kube-proxy routes only to ready endpoints).
   */
  async sync(wanted: ReadonlyMap<string, BrokerSettings>, nodeIp: string): Promise<Record<string, Record<string, string>>> {
    for (const [uid, broker] of this.brokers) {
      const settings = wanted.get(uid);
      if (!settings || settingsKey(settings) !== broker.key) this.stop(uid);
    }
    const out: Record<string, Record<string, string>> = {};
    for (const [uid, settings] of wanted) {
      const broker = this.brokers.get(uid) ?? (await this.start(uid, settings));
      if (!broker.ready) broker.ready = (await probeTcp(nodeIp, broker.mqttPort, 500)) === 'ok';
      if (broker.ready) out[uid] = { [String(MQTT_PORT)]: `${nodeIp}:${broker.mqttPort}`, [String(DASHBOARD_PORT)]: `${nodeIp}:${broker.httpPort}` };
    }
    return out;
  }

  /** The settings of the broker this node runs for a workload, if any. */
  running(uid: string): BrokerSettings | undefined {
    return this.brokers.get(uid)?.settings;
  }

  stopAll(): void {
    for (const uid of [...this.brokers.keys()]) this.stop(uid);
  }

  private async start(uid: string, settings: BrokerSettings): Promise<Broker> {
    const dir = labStatePath('kubelet', 'brokers', uid);
    mkdirSync(dir, { recursive: true });
    const host = bindAddress();
    const mqttPort = await freePort(host);
    const lines = ['per_listener_settings false', 'persistence false', 'user root', 'log_dest stderr', `listener ${mqttPort} ${host}`, `allow_anonymous ${settings.authRequired ? 'false' : 'true'}`];
    if (settings.authRequired) {
      writeFileSync(join(dir, 'passwd'), settings.users.map((u) => `${u.user}:${mosquittoHash(u.password)}\n`).join(''), { mode: 0o600 });
      lines.push(`password_file ${join(dir, 'passwd')}`);
    }
    writeFileSync(join(dir, 'mosquitto.conf'), `${lines.join('\n')}\n`);
    const log = openSync(join(dir, 'mosquitto.log'), 'a');
    const child = spawn('/usr/sbin/mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', log, log] });
    child.on('error', () => undefined);
    const broker: Broker = { key: settingsKey(settings), settings, child, http: this.dashboard(uid, settings), mqttPort, httpPort: 0, ready: false };
    const httpPort = await new Promise<number>((resolve) => {
      broker.http.listen(0, host, () => {
        const address = broker.http.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    const started = { ...broker, httpPort };
    this.brokers.set(uid, started);
    return started;
  }

  private dashboard(uid: string, settings: BrokerSettings): Server {
    return createHttpServer((req, res) => {
      const broker = this.brokers.get(uid);
      const running = broker !== undefined && broker.ready && broker.child.exitCode === null;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && (url.pathname === '/status' || url.pathname === '/api/v5/status')) {
        if (url.searchParams.get('format') === 'json') {
          res.writeHead(running ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ node_name: settings.nodeName, rel_vsn: settings.version, broker_status: running ? 'started' : 'starting', app_status: running ? 'running' : 'not_running' }));
          return;
        }
        res.writeHead(running ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(running ? `Node ${settings.nodeName} is started\nemqx is running` : `Node ${settings.nodeName} is starting\nemqx is not_running`);
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/v5/login') {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          let creds: { username?: unknown; password?: unknown } = {};
          try {
            creds = JSON.parse(body) as typeof creds;
          } catch {
            // An unparsable body is a failed login.
          }
          const ok = creds.username === settings.dashboardUser && creds.password === settings.dashboardPassword;
          res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
          res.end(JSON.stringify(ok ? { token: randomBytes(24).toString('base64url'), version: settings.version, license: { edition: 'opensource' } } : { code: 'BAD_USERNAME_OR_PWD', message: 'Auth failed' }));
        });
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'Request Path Not Found' }));
    });
  }

  private stop(uid: string): void {
    const broker = this.brokers.get(uid);
    if (!broker) return;
    broker.child.kill('SIGTERM');
    broker.http.closeAllConnections();
    broker.http.close();
    this.brokers.delete(uid);
    rmSync(labStatePath('kubelet', 'brokers', uid), { recursive: true, force: true });
  }
}

function settingsKey(settings: BrokerSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex');
}

// The floor: the workload's shell commands over bare ssh2, no engine. One persistent connection
// per host (TCP_NODELAY, host keys checked against the lab's known_hosts), every host at once,
// each host's commands one after another. Run as its own process so its time includes Node's
// startup and loading ssh2, as deckhand's does.
//   node dist/bench/floor-main.js SPEC.json [--linear]   → prints {"changed":N,"failed":N}
// --linear waits for every host after each command, as a linear strategy waits after each
// task: the difference to the plain floor is what the strategy itself costs.
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import type { LabHost } from '../lab/lab.js';
import type { FloorSpec } from './workload.js';

const CONNECT_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 60_000;

function knownKeys(path: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [host, , blob] = line.trim().split(/\s+/);
    if (host && blob) keys.set(host, Buffer.from(blob, 'base64'));
  }
  return keys;
}

function connect(spec: FloorSpec, host: LabHost, key: Buffer, known: Map<string, Buffer>): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.once('ready', () => resolve(c));
    c.once('error', reject);
    c.connect({
      host: host.address,
      username: spec.user,
      privateKey: key,
      readyTimeout: CONNECT_TIMEOUT_MS,
      hostVerifier: (presented: Buffer) => known.get(host.address)?.equals(presented) === true,
    });
    c.setNoDelay(true);
  });
}

function exec(c: Client, command: string): Promise<{ rc: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: ${command}`)), COMMAND_TIMEOUT_MS);
    c.exec(command, (err, ch) => {
      if (err) return reject(err);
      let stdout = '';
      let rc = 255;
      ch.on('data', (d: Buffer) => (stdout += d.toString()));
      ch.stderr.resume();
      ch.on('exit', (code: number | null) => (rc = code ?? 255));
      ch.on('close', () => {
        clearTimeout(timer);
        resolve({ rc, stdout });
      });
    });
  });
}

interface Tally {
  changed: number;
  failed: number;
}

async function runOne(c: Client, command: string, t: Tally): Promise<void> {
  const r = await exec(c, command);
  if (r.rc !== 0) t.failed++;
  else if (r.stdout.trim() === 'changed') t.changed++;
}

/** Plain: each host connects and runs its commands on its own. Linear: a barrier after each. */
async function runAll(spec: FloorSpec, open: (h: LabHost) => Promise<Client>, linear: boolean): Promise<Tally> {
  const t: Tally = { changed: 0, failed: 0 };
  const clients: Client[] = [];
  const opened = (c: Client): Client => (clients.push(c), c);
  try {
    if (linear) {
      const all = await Promise.all(spec.hosts.map(async (h) => opened(await open(h))));
      for (const command of spec.commands) await Promise.all(all.map((c) => runOne(c, command, t)));
    } else {
      await Promise.all(spec.hosts.map(async (h) => {
        const c = opened(await open(h));
        for (const command of spec.commands) await runOne(c, command, t);
      }));
    }
  } finally {
    for (const c of clients) c.end();
  }
  return t;
}

async function main(): Promise<number> {
  const [specPath, flag] = process.argv.slice(2);
  if (!specPath) throw new Error('usage: floor-main SPEC.json [--linear]');
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as FloorSpec;
  const key = readFileSync(spec.privateKeyPath);
  const known = knownKeys(spec.knownHostsPath);
  const total = await runAll(spec, (h) => connect(spec, h, key, known), flag === '--linear');
  process.stdout.write(`${JSON.stringify(total)}\n`);
  return total.failed === 0 ? 0 : 2;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`floor: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

// A real OpenSSH server on 127.0.0.1 for tests that need one.
//
//   const sshd = await startSshd({ maxSessions: 2 });
//   ... connect to 127.0.0.1:sshd.port as root with sshd.keyPath,
//       verifying the host key against sshd.knownHostsPath ...
//   await sshd.stop();
//
// Needs root, /usr/sbin/sshd and ssh-keygen (Debian: openssh-server,
// openssh-client). Everything lives in a temp directory that stop() removes;
// stop() also kills every per-connection sshd the listener forked, so no
// session outlives the test.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

export interface SshdOptions {
  /** sshd's MaxSessions: channels one connection may have open at once (OpenSSH default 10). */
  readonly maxSessions?: number;
  /** Host key type; the known_hosts file records this key. */
  readonly hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
  /**
   * Let bash source the login user's ~/.bashrc for each command, as a stock
   * Debian host does (default false: see the SetEnv line in the config).
   */
  readonly sourceBashrc?: boolean;
  /** Extra sshd_config lines, appended as given. */
  readonly extraConfig?: readonly string[];
}

export interface SshdFixture {
  readonly port: number;
  /** Private key (ed25519, no passphrase) accepted for any user. */
  readonly keyPath: string;
  /** known_hosts with one `[127.0.0.1]:PORT` line for the host key. */
  readonly knownHostsPath: string;
  /** The host public key as `TYPE BASE64`, for tests that write their own known_hosts. */
  readonly hostPublicKey: string;
  /** Temp directory holding keys, config and sshd.log. */
  readonly dir: string;
  /** Sends `signal` to every per-connection sshd and its children (not the listener). */
  signalSessions(signal: NodeJS.Signals): void;
  /** Kills the listener and all its descendants, then removes the temp directory. */
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

export async function startSshd(opts: SshdOptions = {}): Promise<SshdFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-sshd-'));
  // sshd reads authorized_keys as the logging-in user, who may not be root.
  // The private keys in here stay 0600.
  chmodSync(dir, 0o755);
  const keyType = opts.hostKeyType ?? 'ed25519';
  const hostKey = join(dir, `host_${keyType}`);
  const keyPath = join(dir, 'id_ed25519');
  keygen(keyType, hostKey);
  keygen('ed25519', keyPath);
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${keyPath}.pub`));
  chmodSync(authorizedKeys, 0o644);
  // sshd refuses to start without its privilege-separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(config, [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    'PidFile none',
    `AuthorizedKeysFile ${authorizedKeys}`,
    // The key files sit under /tmp, whose permissions StrictModes rejects.
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    `MaxSessions ${opts.maxSessions ?? 10}`,
    'MaxStartups 100:30:200',
    // Without this line every SFTP transfer fails with "Connection closed".
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    // Debian's bash sources ~/.bashrc for non-interactive commands started by
    // sshd when SHLVL says it is a top-level shell. A heavy root ~/.bashrc
    // (pyenv) then adds ~100 ms to every command; SHLVL=1 skips it so tests
    // measure deckhand, not the machine's dotfiles.
    ...(opts.sourceBashrc === true ? [] : ['SetEnv SHLVL=1']),
    'LogLevel VERBOSE',
    ...(opts.extraConfig ?? []),
    '',
  ].join('\n'));

  const log = join(dir, 'sshd.log');
  const child = spawn(SSHD, ['-D', '-f', config, '-E', log], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('error', () => undefined);
  try {
    await waitForBanner(port, child);
  } catch (err) {
    await killTree(child, exited);
    const text = safeRead(log);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`sshd did not start: ${String(err)}\n${text}`);
  }

  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${hostPublicKey}\n`);

  let stopped = false;
  return {
    port, keyPath, knownHostsPath, hostPublicKey, dir,
    signalSessions(signal) {
      if (child.pid === undefined) return;
      for (const pid of descendants(child.pid)) trySignal(pid, signal);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await killTree(child, exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function keygen(type: string, path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'deckhand-test', '-f', path], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls until the port answers with an SSH banner; an sshd that exits ends the wait at once. */
async function waitForBanner(port: number, child: ChildProcess): Promise<void> {
  const seen = await waitFor(async () => (child.exitCode !== null ? 'exited' : await answersSsh(port)), {
    timeoutMs: 20_000,
    what: `an SSH banner on 127.0.0.1:${port}`,
    until: (v) => v !== false,
  });
  if (seen === 'exited') throw new Error(`sshd exited with ${child.exitCode}`);
}

function answersSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => { sock.destroy(); resolve(ok); };
    sock.setTimeout(500, () => done(false));
    sock.once('error', () => done(false));
    sock.once('data', (d: Buffer) => done(d.toString('latin1').startsWith('SSH-')));
  });
}

async function killTree(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid !== undefined) {
    for (const pid of descendants(child.pid)) trySignal(pid, 'SIGKILL');
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

/** Every process below `root`, found through /proc (sshd's sessions call setsid, so process groups do not help). */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = safeRead(`/proc/${name}/stat`);
    // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parentOf.set(Number(name), ppid);
  }
  const found: number[] = [];
  let frontier = [root];
  for (let depth = 0; depth < 16 && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const [pid, ppid] of parentOf) if (frontier.includes(ppid)) next.push(pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(pid, signal); } catch { /* already gone */ }
}

function safeRead(path: string): string {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

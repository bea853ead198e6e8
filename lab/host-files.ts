// The files that make a host itself: written into its overlay upper
// directory before the overlay is mounted, so they shadow the machine's
// copies from the first instant, and the boot script that mounts it all.
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CLUSTER_MOUNT, hostPaths } from './lab-names.js';
import type { KeyPair } from './ssh-keys.js';
import type { LabHost } from './lab-types.js';

export const SSHD_DIR = '/etc/ssh/deckhand-lab';
export const SSHD_CONFIG = `${SSHD_DIR}/sshd_config`;

// Key-only root login, SFTP on (scp and Ansible's file transfers use it), no
// PAM and no DNS lookups (both only add latency). MaxSessions and MaxStartups
// keep OpenSSH's defaults so the engine meets the limits real servers have.
export function sshdConfig(): string {
  return [
    '# sshd for a deckhand lab host (written by `deckhand lab up`)',
    'Port 22',
    'ListenAddress 0.0.0.0',
    `HostKey ${SSHD_DIR}/ssh_host_ed25519_key`,
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'PidFile none',
    'AcceptEnv LANG LC_*',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

// The machine's root home initialises pyenv in ~/.bashrc (~100 ms per
// command); a host gets a plain home instead.
const PROFILE = '# ~/.profile of a deckhand lab host: deliberately minimal.\nmesg n 2>/dev/null || true\n';

export interface HostFilesInput {
  readonly stateDir: string;
  readonly host: LabHost;
  readonly allHosts: readonly LabHost[];
  readonly hostKey: KeyPair;
  readonly authorizedKey: string;
}

/**
 * Writes the host's upper directory. Returns the directories that must be
 * marked opaque, so the machine's copies below them stay hidden: the root
 * home and everything apt knows about the machine's sources.
 */
export async function writeHostFiles(input: HostFilesInput): Promise<readonly string[]> {
  const paths = hostPaths(input.stateDir, input.host.name);
  const up = (path: string): string => join(paths.upper, path);
  const dirs: readonly [string, number][] = [
    [paths.work, 0o755],
    [paths.root, 0o755],
    [up(SSHD_DIR), 0o755],
    [up('root/.ssh'), 0o700],
    [up('etc/apt/sources.list.d'), 0o755],
    [up('var/lib/apt/lists/partial'), 0o700],
    [up('var/cache/apt/archives/partial'), 0o700],
    [up(CLUSTER_MOUNT), 0o755],
  ];
  for (const [dir, mode] of dirs) await mkdir(dir, { recursive: true, mode });
  await Promise.all([
    writeFile(up(`${SSHD_DIR}/sshd_config`), sshdConfig(), { mode: 0o644 }),
    writeFile(up(`${SSHD_DIR}/ssh_host_ed25519_key`), withNewline(input.hostKey.privateKey), { mode: 0o600 }),
    writeFile(up(`${SSHD_DIR}/ssh_host_ed25519_key.pub`), `${input.hostKey.publicKey}\n`, { mode: 0o644 }),
    writeFile(up('root/.ssh/authorized_keys'), `${input.authorizedKey}\n`, { mode: 0o600 }),
    writeFile(up('root/.profile'), PROFILE, { mode: 0o644 }),
    writeFile(up('etc/hostname'), `${input.host.name}\n`, { mode: 0o644 }),
    writeFile(up('etc/hosts'), etcHosts(input.allHosts), { mode: 0o644 }),
    // Kubernetes expects a distinct machine-id per node.
    writeFile(up('etc/machine-id'), `${randomBytes(16).toString('hex')}\n`, { mode: 0o444 }),
    writeFile(up('etc/apt/sources.list'), '', { mode: 0o644 }),
  ]);
  return [up('root'), up('etc/apt/sources.list.d'), up('var/lib/apt/lists'), up('var/cache/apt')];
}

/** Every lab host resolves every other by name, as on a small real network. */
export function etcHosts(hosts: readonly LabHost[]): string {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback'];
  for (const host of hosts) lines.push(`${host.address}\t${host.name}`);
  return `${lines.join('\n')}\n`;
}

export interface BootScriptInput {
  readonly stateDir: string;
  readonly baseDir: string;
  readonly hostName: string;
  readonly layerDir: string;
  readonly clusterDir: string;
}

/**
 * Runs as PID 1 of the host's fresh PID, mount and UTS namespaces (inside
 * its network namespace), then becomes sshd, so killing sshd ends the host.
 */
export function bootScript(input: BootScriptInput): string {
  const paths = hostPaths(input.stateDir, input.hostName);
  const r = q(paths.root);
  const lower = `${input.layerDir}:/`;
  return `#!/bin/sh
# Boots lab host ${input.hostName}; written by \`deckhand lab up\`.
set -eu
mount -t overlay overlay -o ${q(`lowerdir=${lower},upperdir=${paths.upper},workdir=${paths.work}`)} ${r}
mount -t proc proc ${r}/proc
mount --rbind /dev ${r}/dev
mount -t tmpfs -o mode=1777 tmpfs ${r}/dev/shm
mount --rbind /sys ${r}/sys
mount -t tmpfs -o mode=755 tmpfs ${r}/run
mount -t tmpfs -o mode=1777 tmpfs ${r}/tmp
mkdir -p ${r}/run/sshd
mount --bind ${q(input.clusterDir)} ${r}${q(CLUSTER_MOUNT)}
# Hide every lab's state (other hosts' disks, the controller's key).
if [ -d ${r}${q(input.baseDir)} ]; then mount -t tmpfs -o mode=755,size=1m tmpfs ${r}${q(input.baseDir)}; fi
hostname ${q(input.hostName)}
exec chroot ${r} /usr/sbin/sshd -D -e -f ${SSHD_CONFIG}
`;
}

/** POSIX single-quoting. */
export function q(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

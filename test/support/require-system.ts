// What a test needs from the machine, and the skip when it is missing: the test is marked
// pending and the reason names the Debian package to install, so a missing package never shows
// up as a failing hook. `npm test`'s pretest hook installs them all when it runs as root.
import { findOnPath, preflight } from '../../lab/preflight.js';

/** Programs tests run, with the Debian package that provides each (lab/system-packages.ts). */
const PROGRAMS = {
  sshd: 'openssh-server',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  'ansible-playbook': 'ansible',
  'ansible-vault': 'ansible',
  mosquitto: 'mosquitto',
  mosquitto_passwd: 'mosquitto',
  vagrant: 'vagrant',
  ruby: 'vagrant',
  sudo: 'sudo',
  useradd: 'passwd',
  ip: 'iproute2',
  'dpkg-deb': 'dpkg',
  gpg: 'gnupg',
  openssl: 'openssl',
} as const;

export type Program = keyof typeof PROGRAMS;
/** `root`: the test changes the machine (users, mounts); `lab`: it brings up a namespace lab. */
export type SystemNeed = Program | 'root' | 'lab';

function reasonFor(need: SystemNeed): string | undefined {
  if (need === 'root') return process.getuid?.() === 0 ? undefined : 'needs root';
  if (need === 'lab') {
    try {
      preflight();
      return undefined;
    } catch (e) {
      return `needs a lab: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return findOnPath(need) ? undefined : `needs ${need} (apt-get install ${PROGRAMS[need]})`;
}

/** Why the test cannot run here, or undefined when everything it needs is present. */
export function systemSkipReason(...needs: readonly SystemNeed[]): string | undefined {
  const reasons = needs.flatMap((n) => reasonFor(n) ?? []);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** Skips the current test or hook's tests, printing the reason, unless the machine has everything. */
export function requireSystem(ctx: Mocha.Context, ...needs: readonly SystemNeed[]): void {
  const reason = systemSkipReason(...needs);
  if (reason === undefined) return;
  console.log(`      (skipped: ${reason})`);
  ctx.skip();
}

// Two throwaway accounts for become tests: one that needs its password for
// sudo, one with NOPASSWD. Created with useradd (as root) and removed after.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

// Per process: test runs from other checkouts on the same machine create and delete theirs.
export const PW_USER = `deckhand-pw-${process.pid}`;
export const NOPW_USER = `deckhand-nopw-${process.pid}`;
export const PASSWORD = 'Correct-Horse-9-battery';
const SUDOERS = `/etc/sudoers.d/deckhand-test-${process.pid}`;

export function createSudoUsers(): void {
  for (const user of [PW_USER, NOPW_USER]) {
    if (!userExists(user)) execFileSync('useradd', ['-m', '-s', '/bin/sh', user]);
    // A real password hash also unlocks the account for sshd's key login.
    execFileSync('chpasswd', { input: `${user}:${PASSWORD}\n` });
  }
  writeFileSync(SUDOERS, `${PW_USER} ALL=(ALL:ALL) ALL\n${NOPW_USER} ALL=(ALL:ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
}

export function removeSudoUsers(): void {
  rmSync(SUDOERS, { force: true });
  for (const user of [PW_USER, NOPW_USER]) {
    if (userExists(user)) execFileSync('userdel', ['-r', '-f', user], { stdio: 'ignore' });
  }
}

function userExists(user: string): boolean {
  try {
    execFileSync('id', [user], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

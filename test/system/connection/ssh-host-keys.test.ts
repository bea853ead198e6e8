import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireSystem } from '../../support/require-system.js';
import { startSshd, type SshdFixture } from '../../support/sshd-fixture.js';
import { openSsh } from '../../../engine/connection/index.js';
import { fingerprint } from '../../../engine/connection/host-key-policy.js';
import { rejectsWith, targetFor } from './ssh-test-support.js';

function hashedName(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

function pubKeyLine(path: string): string {
  return readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

describe('connection/ssh host key checking', function () {
  this.timeout(60_000);
  let sshd: SshdFixture;
  let otherKey: string;
  let ecdsaKey: string;
  let dir: string;
  before(async function () {
    requireSystem(this, 'root', 'sshd', 'ssh-keygen');
    // A second host key (ECDSA) lets a test check that only the known key type is negotiated.
    dir = mkdtempSync(join(tmpdir(), 'deckhand-hk-'));
    ecdsaKey = join(dir, 'host_ecdsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', ecdsaKey]);
    otherKey = join(dir, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    sshd = await startSshd({ extraConfig: [`HostKey ${ecdsaKey}`] });
  });
  after(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const name = (): string => `[127.0.0.1]:${sshd.port}`;
  const serverFp = (): string => fingerprint(Buffer.from(sshd.hostPublicKey.split(' ')[1] ?? '', 'base64'));
  type Case = readonly [title: string, knownHosts: () => string, expect: 'ok' | 'host-key-unknown' | 'host-key-changed'];
  const cases: readonly Case[] = [
    ['[host]:port entry', () => `${name()} ${sshd.hostPublicKey}`, 'ok'],
    ['comma list with [host]:port', () => `somehost,${name()} ${sshd.hostPublicKey}`, 'ok'],
    ['hashed [host]:port entry', () => `${hashedName(name())} ${sshd.hostPublicKey}`, 'ok'],
    ['only the ECDSA key known (server prefers ed25519)', () => `${name()} ${pubKeyLine(ecdsaKey)}`, 'ok'],
    ['empty known_hosts', () => '', 'host-key-unknown'],
    ['entry without the port', () => `127.0.0.1 ${sshd.hostPublicKey}`, 'host-key-unknown'],
    ['wrong key recorded', () => `${name()} ${pubKeyLine(otherKey)}`, 'host-key-changed'],
    ['wrong key, hashed entry', () => `${hashedName(name())} ${pubKeyLine(otherKey)}`, 'host-key-changed'],
    ['right key but @revoked', () => `${name()} ${sshd.hostPublicKey}\n@revoked * ${sshd.hostPublicKey}`, 'host-key-changed'],
  ];
  cases.forEach(([title, knownHosts, expect], i) => {
    it(`${title} -> ${expect}`, async () => {
      const file = join(sshd.dir, `known_hosts_${i}`);
      writeFileSync(file, `${knownHosts()}\n`);
      const accepted = (): number => (readFileSync(join(sshd.dir, 'sshd.log'), 'utf8').match(/Accepted publickey/g) ?? []).length;
      const before = accepted();
      const attempt = openSsh(targetFor(sshd, { knownHostsFiles: [file] }));
      if (expect === 'ok') {
        const conn = await attempt;
        assert.equal((await conn.exec(['true'])).rc, 0);
        await conn.close();
        return;
      }
      const failure = await rejectsWith(attempt, expect);
      if (!title.includes('ECDSA')) {
        assert.equal(failure.fingerprint, serverFp());
        assert.ok(failure.message.includes(serverFp()), failure.message);
      }
      assert.equal(accepted(), before, 'no authentication happened');
    });
  });

  it('hostKeyChecking false accepts an unknown key (a knowing choice)', async () => {
    const conn = await openSsh(targetFor(sshd, { knownHostsFiles: [], hostKeyChecking: false }));
    assert.equal((await conn.exec(['true'])).rc, 0);
    await conn.close();
  });
});

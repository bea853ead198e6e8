// A throwaway OpenPGP key per lab repository, made in a temporary GNUPGHOME
// (batch mode, no passphrase), used to sign Release files as InRelease and
// Release.gpg, the way apt verifies signed-by repositories.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function gpg(home: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('gpg', ['--homedir', home, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`gpg ${args.join(' ')} failed (${code}): ${err.trim()}`))));
    // gpg may exit before reading its input (after a failure, or at once
    // when it needs none); writing then fails with EPIPE. The exit status
    // says what happened, so that error must not go unhandled.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

export class RepoSigner {
  private constructor(private readonly home: string) {}

  static async create(): Promise<RepoSigner> {
    return new RepoSigner(await mkdtemp(join(tmpdir(), 'dh-gpg-')));
  }

  /** Generates a signing key for `uid`; returns its fingerprint. */
  async newKey(uid: string): Promise<string> {
    await gpg(this.home, ['--quick-gen-key', uid, 'ed25519', 'sign', 'never']);
    const listing = await gpg(this.home, ['--with-colons', '--list-keys', uid]);
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(listing)?.[1];
    if (!fpr) throw new Error(`no fingerprint for ${uid}`);
    return fpr;
  }

  publicKey(fpr: string, armor: boolean): Promise<string> {
    return gpg(this.home, [...(armor ? ['--armor'] : []), '--export', fpr]);
  }

  async publicKeyBinary(fpr: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn('gpg', ['--homedir', this.home, '--batch', '--export', fpr], { stdio: ['ignore', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`gpg --export failed (${code})`))));
    });
  }

  clearsign(fpr: string, text: string): Promise<string> {
    return gpg(this.home, ['--local-user', fpr, '--digest-algo', 'SHA256', '--clearsign'], text);
  }

  detachSign(fpr: string, text: string): Promise<string> {
    return gpg(this.home, ['--local-user', fpr, '--digest-algo', 'SHA256', '--armor', '--detach-sign'], text);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      const child = spawn('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: this.home }, stdio: 'ignore' });
      child.once('error', () => resolve());
      child.once('close', () => resolve());
    });
    await rm(this.home, { recursive: true, force: true });
  }
}

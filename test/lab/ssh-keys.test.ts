import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { generateKeyPair, isWellFormedEd25519 } from '../../lab/ssh-keys.js';

/** An ed25519 public key line with the blob built by hand. */
function keyLine(type: string, key: Buffer): string {
  const withLen = (b: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length, 0);
    return Buffer.concat([len, b]);
  };
  return `${type} ${Buffer.concat([withLen(Buffer.from(type)), withLen(key)]).toString('base64')} c`;
}

describe('lab: ssh keys', () => {
  const cases: [string, string, boolean][] = [
    ['a 32-byte key', keyLine('ssh-ed25519', Buffer.alloc(32, 7)), true],
    ['a 32-byte key starting with a zero byte', keyLine('ssh-ed25519', Buffer.concat([Buffer.alloc(1, 0), Buffer.alloc(31, 9)])), true],
    ['a key stripped to 31 bytes (the ssh2 bug)', keyLine('ssh-ed25519', Buffer.alloc(31, 9)), false],
    ['a 33-byte key', keyLine('ssh-ed25519', Buffer.alloc(33, 9)), false],
    ['another key type', keyLine('ssh-rsa', Buffer.alloc(32, 9)), false],
    ['not base64 at all', 'ssh-ed25519 !!!', false],
    ['no blob', 'ssh-ed25519', false],
  ];
  for (const [what, line, want] of cases) {
    it(`isWellFormedEd25519: ${what} → ${String(want)}`, () => {
      assert.equal(isWellFormedEd25519(line), want);
    });
  }

  it('2000 generated pairs are all well formed (about 8 would not be without the check)', () => {
    for (let i = 0; i < 2000; i++) assert.ok(isWellFormedEd25519(generateKeyPair(`k${i}`).publicKey));
  });

  it('ssh-keygen reads a generated private key back to the same public key', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'deckhand-keys-'));
    try {
      const pair = generateKeyPair('check');
      const file = join(dir, 'id');
      writeFileSync(file, pair.privateKey.endsWith('\n') ? pair.privateKey : `${pair.privateKey}\n`, { mode: 0o600 });
      const r = await execa('ssh-keygen', ['-y', '-f', file], { reject: false });
      if (r.exitCode === undefined || (r.failed && r.code === 'ENOENT')) this.skip();
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(r.stdout.split(/\s+/).slice(0, 2).join(' '), pair.publicKey.split(/\s+/).slice(0, 2).join(' '));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Key material for a lab: one client key for the controller, one host key
// per host, and the known_hosts file that lets clients keep host key
// checking on. Keys are made in-process (ssh2's generator writes OpenSSH
// format), which is much faster than one ssh-keygen per host.
import ssh2 from 'ssh2';
import { writeFile } from 'node:fs/promises';
import type { LabHost } from './lab-types.js';

export interface KeyPair {
  readonly privateKey: string;
  /** "ssh-ed25519 AAAA… comment" */
  readonly publicKey: string;
}

// ssh2 strips leading zero bytes from the 32-byte ed25519 public key (ssh2 issues 1390, 1514), so
// about one key in 256 is malformed and sshd refuses it ("error in libcrypto"): with 30 hosts,
// one lab in eight. Such a pair is drawn again.
const MAX_DRAWS = 32;

export function generateKeyPair(comment: string): KeyPair {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (isWellFormedEd25519(pair.public)) return { privateKey: pair.private, publicKey: pair.public.trim() };
  }
  throw new Error(`no well-formed ed25519 key in ${MAX_DRAWS} draws`);
}

/** "ssh-ed25519 BASE64 …" whose blob is string("ssh-ed25519") + string(32 key bytes). */
export function isWellFormedEd25519(publicKey: string): boolean {
  const [type, b64] = publicKey.trim().split(/\s+/);
  if (type !== 'ssh-ed25519' || b64 === undefined) return false;
  const blob = Buffer.from(b64, 'base64');
  if (blob.length < 4) return false;
  const typeLen = blob.readUInt32BE(0);
  const keyAt = 4 + typeLen;
  if (blob.length < keyAt + 4) return false;
  return blob.toString('latin1', 4, keyAt) === 'ssh-ed25519' && blob.readUInt32BE(keyAt) === 32 && blob.length === keyAt + 4 + 32;
}

/** "type base64" without the comment: the form known_hosts wants. */
export function keyBlob(publicKey: string): string {
  return publicKey.split(/\s+/).slice(0, 2).join(' ');
}

export async function writeKeyPair(pair: KeyPair, privatePath: string, publicPath: string): Promise<void> {
  await writeFile(privatePath, ensureNewline(pair.privateKey), { mode: 0o600 });
  await writeFile(publicPath, `${pair.publicKey}\n`, { mode: 0o644 });
}

/** One plain (unhashed) line per host, keyed by the address clients dial. */
export function knownHostsText(hosts: readonly LabHost[], hostKeys: ReadonlyMap<string, KeyPair>): string {
  return hosts
    .map((host) => {
      const pair = hostKeys.get(host.name);
      if (!pair) throw new Error(`no host key for ${host.name}`);
      return `${host.address} ${keyBlob(pair.publicKey)}\n`;
    })
    .join('');
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

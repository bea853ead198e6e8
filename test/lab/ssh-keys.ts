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

export function generateKeyPair(comment: string): KeyPair {
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKey: pair.public.trim() };
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

// Decides whether a presented host key is acceptable, from known_hosts.
import { createHash } from 'node:crypto';
import { entryMatches, type KnownHosts } from './known-hosts.js';

export type HostKeyVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'host-key-unknown' | 'host-key-changed'; readonly fingerprint: string; readonly message: string };

/** `SHA256:…` as ssh-keygen -l and OpenSSH's warnings print it (base64, no padding). */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return len > 0 && 4 + len <= blob.length ? blob.subarray(4, 4 + len).toString('latin1') : 'unknown';
}

export function checkHostKey(known: KnownHosts, name: string, presented: Buffer): HostKeyVerdict {
  const fp = fingerprint(presented);
  const type = keyTypeOf(presented);
  const revoked = known.entries.find((e) => e.marker === 'revoked' && e.key.equals(presented));
  if (revoked !== undefined) {
    return { ok: false, kind: 'host-key-changed', fingerprint: fp, message: `the host key ${type} ${fp} presented by ${name} is marked @revoked in ${revoked.source}; refusing to connect` };
  }
  const mine = known.entries.filter((e) => e.marker === undefined && entryMatches(e, name));
  if (mine.some((e) => e.key.equals(presented))) return { ok: true };
  if (mine.length > 0) {
    const where = mine.map((e) => `${e.keyType} in ${e.source}`).join(', ');
    return {
      ok: false, kind: 'host-key-changed', fingerprint: fp,
      message: `REMOTE HOST IDENTIFICATION HAS CHANGED for ${name}: the ${type} key it sent has fingerprint ${fp}, `
        + `which does not match the known key (${where}). Someone could be eavesdropping (man-in-the-middle), `
        + 'or the host key was just changed. Verify the new fingerprint out of band, then remove the old entry (ssh-keygen -R).',
    };
  }
  const note = known.notes.length > 0 ? ` (${known.notes.join('; ')})` : '';
  return {
    ok: false, kind: 'host-key-unknown', fingerprint: fp,
    message: `no known host key for ${name}; the ${type} key it sent has fingerprint ${fp}. `
      + 'Verify it, then add it to known_hosts (e.g. ssh-keyscan output checked against that fingerprint), '
      + `or turn host key checking off knowingly${note}`,
  };
}

// Which negotiable host key algorithms produce a key of each known_hosts type.
const ALGORITHMS_FOR_TYPE: Readonly<Record<string, readonly string[]>> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-dss': ['ssh-dss'],
};

/**
 * Host key algorithms to offer so the server presents a key type we already
 * know (as OpenSSH orders them); without this a host known by its ed25519 key
 * could present ECDSA and look "changed". undefined: nothing known, offer defaults.
 */
export function knownKeyAlgorithms(known: KnownHosts, name: string): string[] | undefined {
  const algos: string[] = [];
  for (const e of known.entries) {
    if (e.marker !== undefined || !entryMatches(e, name)) continue;
    for (const a of ALGORITHMS_FOR_TYPE[e.keyType] ?? []) if (!algos.includes(a)) algos.push(a);
  }
  return algos.length > 0 ? algos : undefined;
}

// OpenSSH known_hosts: parsing and host matching (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").
//   host1,host2,[host3]:2222,*.lan,!bad.lan ssh-ed25519 AAAA… comment
//   |1|<base64 salt>|<base64 HMAC-SHA1(salt, name)> ssh-ed25519 AAAA…   (HashKnownHosts)
//   @revoked * ssh-rsa AAAA…            a key that must never be accepted
//   @cert-authority *.lan ssh-ed25519 …  host certificates: not supported, noted
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface KnownHostEntry {
  readonly marker?: 'revoked';
  /** Plain patterns, or undefined for a hashed entry. */
  readonly patterns?: readonly string[];
  readonly hashed?: { readonly salt: Buffer; readonly hash: Buffer };
  readonly keyType: string;
  /** The public key blob (base64-decoded third field). */
  readonly key: Buffer;
  /** FILE:LINE, for messages. */
  readonly source: string;
}

export interface KnownHosts {
  readonly entries: readonly KnownHostEntry[];
  /** Lines that were understood but not used, e.g. @cert-authority. */
  readonly notes: readonly string[];
}

export function parseKnownHosts(text: string, file: string): KnownHosts {
  const entries: KnownHostEntry[] = [];
  const notes: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const source = `${file}:${i + 1}`;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]?.startsWith('@')) marker = fields.shift();
    const [hosts, keyType, keyB64] = fields;
    if (hosts === undefined || keyType === undefined || keyB64 === undefined) return;
    if (marker === '@cert-authority') {
      notes.push(`${source}: @cert-authority lines are ignored (host certificates are not supported)`);
      return;
    }
    if (marker !== undefined && marker !== '@revoked') {
      notes.push(`${source}: unknown marker ${marker}, line ignored`);
      return;
    }
    const key = Buffer.from(keyB64, 'base64');
    if (key.length === 0) return;
    const base = { keyType, key, source, ...(marker === '@revoked' ? { marker: 'revoked' as const } : {}) };
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (salt === undefined || hash === undefined) return;
      entries.push({ ...base, hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') } });
    } else {
      entries.push({ ...base, patterns: hosts.split(',') });
    }
  });
  return { entries, notes };
}

/** Reads and merges files in order; a file that does not exist is skipped, as OpenSSH does. */
export function loadKnownHosts(files: readonly string[]): KnownHosts {
  const entries: KnownHostEntry[] = [];
  const notes: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    const parsed = parseKnownHosts(text, file);
    entries.push(...parsed.entries);
    notes.push(...parsed.notes);
  }
  return { entries, notes };
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function lookupName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed !== undefined) {
    const digest = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return digest.length === entry.hashed.hash.length && timingSafeEqual(digest, entry.hashed.hash);
  }
  let matched = false;
  for (const pattern of entry.patterns ?? []) {
    // A matching negated pattern vetoes the line, whatever else matches.
    if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1), name)) return false;
    } else if (globMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** OpenSSH pattern: `*` any run, `?` one character, case-insensitive. */
export function globMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err.code === 'ENOENT' || err.code === 'ENOTDIR');
}

// Host keys for the private addresses. `vagrant ssh-config` switches host key
// checking off; deckhand should check, so the harness scans the keys on the
// addresses deckhand will use and writes them to a known_hosts file. Each
// scanned key must also be one the machine itself reports through `vagrant
// ssh`: a scan that reaches some other machine (a clashing DECKHAND_NET_PREFIX)
// fails here instead of being trusted.

export interface PublicKey {
  readonly type: string;
  readonly key: string;
}

export interface HostKey extends PublicKey {
  /** As ssh-keyscan prints it: `addr`, or `[addr]:port` off port 22. */
  readonly host: string;
}

const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+)$/;

/** ssh-keyscan's stdout. Comment lines (`# addr:22 SSH-2.0-…`) and noise are skipped. */
export function parseKeyscan(stdout: string): HostKey[] {
  const keys: HostKey[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const [host, type, key] = line.trim().split(/\s+/);
    if (host === undefined || host.startsWith('#') || type === undefined || key === undefined) continue;
    if (KEY_TYPE.test(type)) keys.push({ host, type, key });
  }
  return keys;
}

/** The contents of /etc/ssh/ssh_host_*_key.pub files: `type key comment` per line. */
export function parsePublicKeys(text: string): PublicKey[] {
  const keys: PublicKey[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [type, key] = line.trim().split(/\s+/);
    if (type !== undefined && key !== undefined && KEY_TYPE.test(type)) keys.push({ type, key });
  }
  return keys;
}

export function knownHostsName(address: string, port = 22): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

export interface KeyCheckTarget {
  readonly node: string;
  readonly address: string;
  /** What the machine reported through `vagrant ssh`. */
  readonly reported: readonly PublicKey[];
}

export interface KeyProblem {
  readonly node: string;
  readonly message: string;
}

export function checkScannedKeys(scanned: readonly HostKey[], targets: readonly KeyCheckTarget[], port = 22): KeyProblem[] {
  const problems: KeyProblem[] = [];
  for (const target of targets) {
    const name = knownHostsName(target.address, port);
    const mine = scanned.filter((k) => k.host === name);
    if (mine.length === 0) {
      problems.push({ node: target.node, message: `ssh-keyscan got no host key from ${name}` });
      continue;
    }
    for (const key of mine) {
      const known = target.reported.some((r) => r.type === key.type && r.key === key.key);
      if (!known) {
        problems.push({
          node: target.node,
          message: `${key.type} key scanned at ${name} is not one of the machine's own keys (another host on this address?)`,
        });
      }
    }
  }
  return problems;
}

/** known_hosts text, one line per key, in a stable order so reruns give the same file. */
export function knownHostsText(keys: readonly HostKey[]): string {
  const lines = keys.map((k) => `${k.host} ${k.type} ${k.key}`);
  return [...new Set(lines)].sort().join('\n') + (lines.length > 0 ? '\n' : '');
}

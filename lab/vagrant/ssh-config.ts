// Parses the OpenSSH client configuration that `vagrant ssh-config` prints:
// one `Host <machine>` block per machine. Keywords are case-insensitive and
// may be written `Key Value` or `Key=Value`; Vagrant quotes values that
// contain spaces (IdentityFile under a project path with spaces).

export interface SshConfigEntry {
  readonly host: string;
  readonly hostName: string | undefined;
  readonly user: string | undefined;
  readonly port: number | undefined;
  /** In file order; Vagrant may list several (e.g. ed25519 and rsa insecure keys). */
  readonly identityFiles: readonly string[];
  readonly strictHostKeyChecking: string | undefined;
  readonly userKnownHostsFile: string | undefined;
  /** Every keyword as written in lower case, values in order. */
  readonly options: ReadonlyMap<string, readonly string[]>;
}

export interface SshConfigIssue {
  readonly line: number;
  readonly message: string;
}

export interface ParsedSshConfig {
  readonly entries: readonly SshConfigEntry[];
  readonly issues: readonly SshConfigIssue[];
}

/** `"a b"` → `a b` (with \" and \\ unescaped); anything else is taken as it is. */
export function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return value;
}

function splitLine(text: string): { keyword: string; value: string } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/.exec(text);
  if (!match) return undefined;
  return { keyword: (match[1] ?? '').toLowerCase(), value: unquote(match[2] ?? '') };
}

function toEntry(host: string, options: Map<string, string[]>): SshConfigEntry {
  const first = (key: string): string | undefined => options.get(key)?.[0];
  const portText = first('port');
  return {
    host,
    hostName: first('hostname'),
    user: first('user'),
    port: portText === undefined ? undefined : Number(portText),
    identityFiles: options.get('identityfile') ?? [],
    strictHostKeyChecking: first('stricthostkeychecking'),
    userKnownHostsFile: first('userknownhostsfile'),
    options,
  };
}

export function parseSshConfig(text: string): ParsedSshConfig {
  const entries: SshConfigEntry[] = [];
  const issues: SshConfigIssue[] = [];
  let current: { host: string; options: Map<string, string[]> } | undefined;
  const close = (): void => {
    if (current) entries.push(toEntry(current.host, current.options));
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const parts = splitLine(trimmed);
    if (!parts) {
      issues.push({ line, message: `not an ssh_config line: ${trimmed}` });
      return;
    }
    if (parts.keyword === 'host') {
      close();
      current = { host: parts.value, options: new Map() };
      return;
    }
    if (!current) {
      issues.push({ line, message: `${parts.keyword} outside a Host block` });
      return;
    }
    if (parts.keyword === 'port' && !/^\d{1,5}$/.test(parts.value)) {
      issues.push({ line, message: `Port is not a number: ${parts.value}` });
      return;
    }
    const values = current.options.get(parts.keyword) ?? [];
    values.push(parts.value);
    current.options.set(parts.keyword, values);
  });
  close();

  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.host)) issues.push({ line: 0, message: `Host ${entry.host} appears more than once` });
    seen.add(entry.host);
  }
  return { entries, issues };
}

// Pure readers for the setup module: the sections its script prints, turned into Ansible's
// fact names (without the ansible_ prefix; setup adds it).

export function sections(out: string): Map<string, string> {
  const map = new Map<string, string>();
  let name: string | undefined;
  let body: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^@@([\w-]+)$/.exec(line);
    if (m !== null) {
      if (name !== undefined) map.set(name, body.join('\n'));
      name = m[1];
      body = [];
    } else if (name !== undefined) body.push(line);
  }
  if (name !== undefined) map.set(name, body.join('\n'));
  return map;
}

/** KEY=value / KEY="value" lines of /etc/os-release. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m === null) continue;
    let v = m[2] ?? '';
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["$`\\])/g, '$1');
    out[m[1] ?? ''] = v;
  }
  return out;
}

const NAMES: Record<string, string> = {
  ubuntu: 'Ubuntu', debian: 'Debian', linuxmint: 'Linux Mint', pop: 'Pop!_OS', raspbian: 'Raspbian', kali: 'Kali',
  centos: 'CentOS', rhel: 'RedHat', fedora: 'Fedora', rocky: 'Rocky', almalinux: 'AlmaLinux', amzn: 'Amazon',
  alpine: 'Alpine', arch: 'Archlinux', opensuse: 'openSUSE', 'opensuse-leap': 'openSUSE Leap', sles: 'SLES',
};
const FAMILIES: Record<string, string> = { debian: 'Debian', rhel: 'RedHat', fedora: 'RedHat', suse: 'Suse', arch: 'Archlinux', alpine: 'Alpine' };

export function distribution(os: Record<string, string>, debianVersion: string): Record<string, string> {
  const id = (os['ID'] ?? '').toLowerCase();
  const like = [id, ...(os['ID_LIKE'] ?? '').toLowerCase().split(/\s+/)];
  const family = like.map((l) => FAMILIES[l] ?? (l === 'ubuntu' ? 'Debian' : l === 'centos' ? 'RedHat' : undefined)).find((f) => f !== undefined) ?? (os['NAME'] ?? 'Unknown');
  let version = os['VERSION_ID'] ?? '';
  // Debian's os-release says "12"; /etc/debian_version has the point release Ansible reports.
  if (id === 'debian' && /^\d+(\.\d+)*$/.test(debianVersion.trim())) version = debianVersion.trim();
  return {
    distribution: NAMES[id] ?? os['NAME'] ?? 'Unknown',
    distribution_version: version,
    distribution_major_version: version.split('.')[0] ?? '',
    distribution_release: os['VERSION_CODENAME'] ?? os['UBUNTU_CODENAME'] ?? '',
    os_family: family,
  };
}

export interface Ipv4 {
  readonly address: string;
  readonly prefix: string;
  readonly netmask: string;
  readonly network: string;
  readonly broadcast: string;
}

export function netmaskOf(prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.');
}

function networkOf(address: string, prefix: number): string {
  const n = address.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = (n & mask) >>> 0;
  return [24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.');
}

export interface Iface {
  device: string;
  active: boolean;
  type: string;
  mtu: number;
  macaddress?: string;
  ipv4?: Ipv4;
  ipv4_secondaries?: Ipv4[];
}

/** `ip -o link show` and `ip -o -4 addr show` → interfaces by name. */
export function parseInterfaces(link: string, addr: string): Map<string, Iface> {
  const ifaces = new Map<string, Iface>();
  for (const line of link.split('\n')) {
    const m = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<([^>]*)>.*?\bmtu (\d+)/.exec(line);
    if (m === null) continue;
    const flags = (m[2] ?? '').split(',');
    const l = /link\/(\S+)(?: (\S+))?/.exec(line);
    const kind = l?.[1] ?? 'unknown';
    const iface: Iface = {
      device: m[1] ?? '',
      active: flags.includes('UP'),
      type: kind === 'loopback' ? 'loopback' : kind === 'ether' ? 'ether' : kind,
      mtu: Number(m[3]),
      ...(l?.[2] !== undefined && /^[0-9a-f:]{17}$/.test(l[2]) ? { macaddress: l[2] } : {}),
    };
    ifaces.set(iface.device, iface);
  }
  for (const line of addr.split('\n')) {
    const m = /^\d+:\s+([^\s@]+)(?:@\S+)?\s+inet\s+([\d.]+)\/(\d+)(?:\s+brd\s+([\d.]+))?/.exec(line);
    if (m === null) continue;
    const prefix = Number(m[3]);
    const ip: Ipv4 = { address: m[2] ?? '', prefix: String(prefix), netmask: netmaskOf(prefix), network: networkOf(m[2] ?? '', prefix), broadcast: m[4] ?? '' };
    const name = m[1] ?? '';
    const iface = ifaces.get(name) ?? { device: name, active: true, type: 'unknown', mtu: 0 };
    if (iface.ipv4 === undefined) iface.ipv4 = ip;
    else (iface.ipv4_secondaries ??= []).push(ip);
    ifaces.set(name, iface);
  }
  return ifaces;
}

/** `ip -4 route show default` → {gateway, interface}. */
export function parseDefaultRoute(text: string): { gateway?: string; interface?: string } {
  const line = text.split('\n').find((l) => l.startsWith('default')) ?? '';
  const via = /\bvia (\S+)/.exec(line)?.[1];
  const dev = /\bdev (\S+)/.exec(line)?.[1];
  return { ...(via === undefined ? {} : { gateway: via }), ...(dev === undefined ? {} : { interface: dev }) };
}

/** MemTotal etc. of /proc/meminfo in MB, as Ansible rounds them (floor of kB / 1024). */
export function parseMeminfo(text: string): Record<string, number> {
  const kb = (key: string): number | undefined => {
    const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text);
    return m === null ? undefined : Number(m[1]);
  };
  const out: Record<string, number> = {};
  for (const [key, name] of [['MemTotal', 'memtotal_mb'], ['MemFree', 'memfree_mb'], ['SwapTotal', 'swaptotal_mb'], ['SwapFree', 'swapfree_mb']] as const) {
    const v = kb(key);
    if (v !== undefined) out[name] = Math.floor(v / 1024);
  }
  return out;
}

/** Ansible's variable name for an interface: dashes, dots and colons become underscores. */
export function ifaceFactName(name: string): string {
  return name.replace(/[-.:]/g, '_');
}

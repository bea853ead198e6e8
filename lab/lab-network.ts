// The lab network: one Linux bridge on the machine holding the gateway
// address, and per host a network namespace joined to it by a veth pair.
// Hosts get no default route and the machine does no NAT, so lab traffic
// stays on the bridge.
import { writeFile } from 'node:fs/promises';
import { bridgeName, netnsName, netnsPrefix, vethName, vethPrefix } from './lab-names.js';
import { forEachLimited } from './for-each-limited.js';
import { isRecord } from './narrow.js';
import { run } from './run-command.js';
import type { Subnet } from './subnet.js';

export interface NetworkHost {
  readonly name: string;
  readonly address: string;
}

// Namespaces are configured a few at a time: each is one `ip` process.
const CONCURRENCY = 8;

export async function createBridge(lab: string, gateway: string, subnet: Subnet): Promise<void> {
  const bridge = bridgeName(lab);
  await ipBatch([`link add ${bridge} type bridge`]);
  // Even on a machine that forwards packets (ip_forward=1), nothing arriving
  // from the lab is forwarded: a host that adds a default route via the
  // gateway still cannot reach other networks. IPv6 stays off the bridge.
  await writeFile(`/proc/sys/net/ipv4/conf/${bridge}/forwarding`, '0');
  await writeFile(`/proc/sys/net/ipv6/conf/${bridge}/disable_ipv6`, '1').catch(() => undefined);
  await ipBatch([`addr add ${gateway}/${subnet.prefix} dev ${bridge}`, `link set ${bridge} up`]);
}

/** Namespaces and veth pairs for all hosts in one `ip` call, then addresses per namespace. */
export async function createHostLinks(lab: string, hosts: readonly NetworkHost[], subnet: Subnet): Promise<void> {
  const bridge = bridgeName(lab);
  const lines: string[] = [];
  hosts.forEach((host, index) => {
    const ns = netnsName(lab, host.name);
    const veth = vethName(lab, index);
    lines.push(`netns add ${ns}`, `link add ${veth} type veth peer name eth0 netns ${ns}`, `link set ${veth} master ${bridge} up`);
  });
  await ipBatch(lines);
  await forEachLimited(hosts, CONCURRENCY, (host) =>
    ipBatch(
      [`addr add ${host.address}/${subnet.prefix} dev eth0`, 'link set eth0 up', 'link set lo up'],
      ['-n', netnsName(lab, host.name)],
    ),
  );
}

export async function listLabNetns(lab?: string): Promise<readonly string[]> {
  const { stdout } = await run('ip', ['netns', 'list']);
  const prefix = lab === undefined ? 'dhlab.' : netnsPrefix(lab);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
}

/** Removes the lab's veths, namespaces and bridge; anything already gone is fine. */
export async function removeNetwork(lab: string, namespaces: readonly string[]): Promise<void> {
  const links = await listLinks();
  const veths = links.filter((name) => name.startsWith(vethPrefix(lab)));
  // Deleting the machine-side veth removes both ends at once; deleting a
  // namespace alone frees its end later, asynchronously.
  if (veths.length > 0) await ipBatch(veths.map((veth) => `link del ${veth}`), ['-force'], false);
  if (namespaces.length > 0) await ipBatch(namespaces.map((ns) => `netns del ${ns}`), ['-force'], false);
  if (links.includes(bridgeName(lab))) await run('ip', ['link', 'del', bridgeName(lab)], { check: false });
}

export async function listLinks(): Promise<readonly string[]> {
  const { stdout } = await run('ip', ['-j', 'link', 'show']);
  const parsed: unknown = JSON.parse(stdout || '[]');
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    const name = isRecord(entry) ? entry['ifname'] : undefined;
    return typeof name === 'string' ? [name] : [];
  });
}

/** IPv4 prefixes the machine already routes or owns: a lab must not overlap them. */
export async function machinePrefixes(): Promise<readonly string[]> {
  const [routes, addresses] = await Promise.all([
    run('ip', ['-j', '-4', 'route', 'show', 'table', 'all']),
    run('ip', ['-j', '-4', 'addr', 'show']),
  ]);
  const found: string[] = [];
  for (const entry of asArray(routes.stdout)) {
    const dst = isRecord(entry) ? entry['dst'] : undefined;
    if (typeof dst === 'string' && dst !== 'default' && /^[\d.]+(\/\d+)?$/.test(dst)) {
      found.push(dst.includes('/') ? dst : `${dst}/32`);
    }
  }
  for (const link of asArray(addresses.stdout)) {
    const infos = isRecord(link) ? link['addr_info'] : undefined;
    for (const info of Array.isArray(infos) ? infos : []) {
      if (isRecord(info) && typeof info['local'] === 'string' && typeof info['prefixlen'] === 'number') {
        found.push(`${info['local']}/${info['prefixlen']}`);
      }
    }
  }
  return found;
}

async function ipBatch(lines: readonly string[], globalArgs: readonly string[] = [], check = true): Promise<void> {
  await run('ip', [...globalArgs, '-batch', '-'], { input: `${lines.join('\n')}\n`, timeoutMs: 60_000, check });
}

function asArray(json: string): readonly unknown[] {
  const parsed: unknown = JSON.parse(json || '[]');
  return Array.isArray(parsed) ? parsed : [];
}

// setup: gathers facts in ONE round trip (a small sh script printing sections) and returns
// them under Ansible's names, prefixed (ansible_hostname …) and, in `ansible_facts`, without
// the prefix (ansible_facts.hostname …). Read-only: it runs the same in check mode.
import { defineModule } from './types.js';
import { firstError, runScript } from './support/host.js';
import { done, fail } from './support/outcome.js';
import {
  distribution, ifaceFactName, parseDefaultRoute, parseInterfaces, parseMeminfo, parseOsRelease, sections,
} from './support/facts-parse.js';
import { objectSchema, strOrList, toList } from './support/schema.js';

export interface SetupArgs {
  readonly gather_subset?: string | readonly string[];
  readonly filter?: string | readonly string[];
  readonly gather_timeout?: number;
}

export const FACTS_SCRIPT = `echo @@hostname; hostname 2>/dev/null || uname -n
echo @@fqdn; { command -v timeout >/dev/null 2>&1 && timeout 3 hostname -f 2>/dev/null; } || hostname 2>/dev/null || uname -n
echo @@uname; uname -n; uname -m; uname -r; uname -s
echo @@os-release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
echo @@debian-version; cat /etc/debian_version 2>/dev/null
echo @@link; ip -o link show 2>/dev/null
echo @@addr; ip -o -4 addr show 2>/dev/null
echo @@route; ip -4 route show default 2>/dev/null
echo @@meminfo; grep -E '^(MemTotal|MemFree|SwapTotal|SwapFree):' /proc/meminfo 2>/dev/null
echo @@nproc; nproc 2>/dev/null || getconf _NPROCESSORS_ONLN
echo @@user; id -un; id -u; id -g
echo @@service-mgr; if [ -d /run/systemd/system ]; then echo systemd; else echo sysvinit; fi
exit 0`;

/** Facts without the ansible_ prefix, from the script's output. */
export function parseFacts(out: string): Record<string, unknown> {
  const s = sections(out);
  const get = (k: string): string => (s.get(k) ?? '').trim();
  const [nodename = '', machine = '', kernel = '', system = ''] = get('uname').split('\n');
  const hostname = (get('hostname') || nodename).split('.')[0] ?? '';
  const fqdn = get('fqdn') || hostname;
  const dist = distribution(parseOsRelease(get('os-release')), get('debian-version'));
  const ifaces = parseInterfaces(get('link'), get('addr'));
  const route = parseDefaultRoute(get('route'));
  const [userId = '', uid = '', gid = ''] = get('user').split('\n');
  const facts: Record<string, unknown> = {
    hostname,
    nodename,
    fqdn,
    domain: fqdn.startsWith(`${hostname}.`) ? fqdn.slice(hostname.length + 1) : '',
    system,
    kernel,
    architecture: machine,
    machine,
    ...dist,
    pkg_mgr: dist['os_family'] === 'Debian' ? 'apt' : 'unknown',
    service_mgr: get('service-mgr'),
    ...parseMeminfo(get('meminfo')),
    processor_vcpus: Number(get('nproc')) || 1,
    processor_nproc: Number(get('nproc')) || 1,
    user_id: userId,
    user_uid: Number(uid),
    user_gid: Number(gid),
    interfaces: [...ifaces.keys()],
    all_ipv4_addresses: [...ifaces.values()].flatMap((i) => [i.ipv4, ...(i.ipv4_secondaries ?? [])]).filter((ip) => ip !== undefined && !ip.address.startsWith('127.')).map((ip) => ip?.address),
  };
  for (const iface of ifaces.values()) facts[ifaceFactName(iface.device)] = iface;
  const dev = route.interface === undefined ? undefined : ifaces.get(route.interface);
  facts['default_ipv4'] =
    route.interface === undefined
      ? {}
      : {
          interface: route.interface,
          ...(route.gateway === undefined ? {} : { gateway: route.gateway }),
          ...(dev?.ipv4 ?? {}),
          ...(dev?.macaddress === undefined ? {} : { macaddress: dev.macaddress }),
          ...(dev === undefined ? {} : { mtu: dev.mtu, type: dev.type, alias: dev.device }),
        };
  return facts;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

export const setup = defineModule<SetupArgs>({
  name: 'setup',
  aliases: ['gather_facts'],
  schema: objectSchema({ gather_subset: strOrList, filter: strOrList, gather_timeout: { type: 'integer' } }),
  async check(args, ctx) {
    const res = await runScript(ctx, FACTS_SCRIPT, []);
    if (res.rc !== 0) return fail(`cannot gather facts: ${firstError(res)}`);
    const plain = parseFacts(res.stdout);
    const filters = toList(args.filter).map(globToRegExp);
    const keep = (k: string): boolean => filters.length === 0 || filters.some((f) => f.test(`ansible_${k}`) || f.test(k));
    const prefixed = Object.fromEntries(Object.entries(plain).filter(([k]) => keep(k)).map(([k, v]) => [`ansible_${k}`, v]));
    const unprefixed = Object.fromEntries(Object.entries(plain).filter(([k]) => keep(k)));
    // The engine merges ansible_facts into the host's variables: ansible_hostname at the top
    // level, and ansible_facts.hostname through the nested map.
    return done({ changed: false, data: { ansible_facts: { ...prefixed, ansible_facts: unprefixed } } });
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});

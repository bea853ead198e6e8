// Kernel modules as the lab models them. A network namespace cannot load
// modules (and must not: the kernel is the machine's), so modprobe records
// what it "loaded" and lsmod, sysctl and the kubelet read that record.
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import { readText, writeFileAtomic } from './fs-atomic.js';
import { labStatePath } from './lab-env.js';

/** Dependencies, as modules.dep would resolve them; deeper ones first. */
const DEPENDS: Readonly<Record<string, readonly string[]>> = {
  br_netfilter: ['bridge'],
  bridge: ['stp', 'llc'],
  stp: ['llc'],
  llc: [],
  overlay: [],
  nf_conntrack: ['nf_defrag_ipv6', 'nf_defrag_ipv4', 'libcrc32c'],
  nf_defrag_ipv4: [],
  nf_defrag_ipv6: [],
  libcrc32c: [],
  ip_vs: ['nf_conntrack'],
  ip_vs_rr: ['ip_vs'],
  ip_vs_wrr: ['ip_vs'],
  ip_vs_sh: ['ip_vs'],
  nf_nat: ['nf_conntrack'],
  xt_conntrack: ['nf_conntrack', 'x_tables'],
  xt_MASQUERADE: ['nf_nat', 'x_tables'],
  xt_addrtype: ['x_tables'],
  xt_comment: ['x_tables'],
  xt_mark: ['x_tables'],
  iptable_nat: ['ip_tables', 'nf_nat'],
  iptable_filter: ['ip_tables'],
  iptable_mangle: ['ip_tables'],
  ip_tables: ['x_tables'],
  ip6_tables: ['x_tables'],
  x_tables: [],
  nf_tables: [],
  vxlan: ['ip6_udp_tunnel', 'udp_tunnel'],
  ip6_udp_tunnel: [],
  udp_tunnel: [],
  veth: [],
  dummy: [],
  tun: [],
  nbd: [],
  rbd: ['libceph'],
  libceph: [],
};

/** What a freshly booted Ubuntu server has loaded before anyone runs modprobe. */
export const BOOT_MODULES = ['ip_tables', 'x_tables', 'libcrc32c'];

export interface LoadedModule {
  readonly name: string;
  readonly size: number;
  readonly usedBy: readonly string[];
}

function statePath(): string {
  return labStatePath('modules', 'loaded');
}

export function canonical(name: string): string {
  return name.replace(/-/g, '_');
}

export function loadedModules(): string[] {
  const text = readText(statePath()) ?? `${BOOT_MODULES.join('\n')}\n`;
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

export function isLoaded(name: string): boolean {
  return loadedModules().includes(canonical(name));
}

function save(names: readonly string[]): void {
  writeFileAtomic(statePath(), names.length > 0 ? `${names.join('\n')}\n` : '');
}

export function moduleDir(): string {
  return `/lib/modules/${release()}`;
}

/** Known modules: the table above plus whatever the machine's modules.dep lists. */
export function isKnown(name: string): boolean {
  const wanted = canonical(name);
  if (wanted in DEPENDS) return true;
  try {
    const text = readFileSync(`${moduleDir()}/modules.dep`, 'utf8');
    return text.split('\n').some((line) => canonical((line.split(':')[0] ?? '').replace(/^.*\//, '').replace(/\.ko(\.\w+)?$/, '')) === wanted);
  } catch {
    return false;
  }
}

function dependencies(name: string): string[] {
  const out: string[] = [];
  const visit = (mod: string): void => {
    for (const dep of DEPENDS[mod] ?? []) visit(dep);
    if (!out.includes(mod)) out.push(mod);
  };
  visit(name);
  return out;
}

/** Loads a module and its dependencies; false when the module does not exist. */
export function load(name: string): boolean {
  const wanted = canonical(name);
  if (!isKnown(wanted)) return false;
  const loaded = loadedModules();
  for (const mod of dependencies(wanted)) if (!loaded.includes(mod)) loaded.push(mod);
  save(loaded);
  return true;
}

export type UnloadResult = 'ok' | 'not-loaded' | { readonly inUseBy: readonly string[] };

export function unload(name: string): UnloadResult {
  const wanted = canonical(name);
  const loaded = loadedModules();
  if (!loaded.includes(wanted)) return 'not-loaded';
  const users = loaded.filter((mod) => (DEPENDS[mod] ?? []).includes(wanted));
  if (users.length > 0) return { inUseBy: users };
  save(loaded.filter((mod) => mod !== wanted));
  return 'ok';
}

export function describeLoaded(): LoadedModule[] {
  const loaded = loadedModules();
  return loaded
    .slice()
    .reverse()
    .map((name) => ({
      name,
      size: sizeOf(name),
      usedBy: loaded.filter((mod) => (DEPENDS[mod] ?? []).includes(name)),
    }));
}

// Stable, plausible sizes: whole pages, derived from the name.
function sizeOf(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (4 + (hash % 90)) * 4096;
}

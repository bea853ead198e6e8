// Module lookup by name, alias or fully qualified collection name (FQCN). Host modules come
// from host-modules.ts, controller modules from controller/index.ts; a new module is added to
// one of those lists, never here.
import { controllerModules } from './controller/index.js';
import { hostModules } from './host-modules.js';
import type { AnyModule } from './types.js';

/**
 * The collection each name lives in when it is not ansible.builtin, so that the FQCN a
 * playbook written for Ansible uses resolves: ansible.posix.sysctl, kubernetes.core.k8s, …
 */
export const COLLECTIONS: Readonly<Record<string, string>> = {
  sysctl: 'ansible.posix',
  mount: 'ansible.posix',
  modprobe: 'community.general',
  k8s: 'kubernetes.core',
  k8s_apply: 'deckhand.builtin',
};

/** Collections whose names map onto ansible.builtin. */
const BUILTIN_ALIASES = new Set(['ansible.builtin', 'ansible.legacy']);

export interface ModuleRegistry {
  /** A module by short name, alias or FQCN; undefined when unknown. */
  get(name: string): AnyModule | undefined;
  /** Every short name and alias, sorted, for "did you mean" suggestions. */
  names(): string[];
}

export function createModuleRegistry(modules: readonly AnyModule[]): ModuleRegistry {
  const byName = new Map<string, AnyModule>();
  for (const m of modules) {
    for (const n of [m.name, ...(m.aliases ?? [])]) {
      if (byName.has(n)) throw new Error(`module name ${n} is registered twice`);
      byName.set(n, m);
    }
  }
  const get = (name: string): AnyModule | undefined => {
    const direct = byName.get(name);
    if (direct !== undefined || !name.includes('.')) return direct;
    const dot = name.lastIndexOf('.');
    const collection = name.slice(0, dot);
    const short = name.slice(dot + 1);
    const home = COLLECTIONS[short] ?? 'ansible.builtin';
    const ok = collection === home || collection === 'deckhand.builtin' || (home === 'ansible.builtin' && BUILTIN_ALIASES.has(collection));
    return ok ? byName.get(short) : undefined;
  };
  return { get, names: () => [...byName.keys()].sort() };
}

const registry = createModuleRegistry([...hostModules, ...controllerModules]);

export function getModule(name: string): AnyModule | undefined {
  return registry.get(name);
}

export function moduleNames(): string[] {
  return registry.names();
}

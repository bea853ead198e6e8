// What the rest of the engine asks of an inventory: a host (implicit localhost included), its
// variable layers in Ansible's precedence order, and the `groups` / `group_names` magic variables.
import { dirname } from 'node:path';
import { sortGroups } from './builder.js';
import { LOCALHOST_NAMES, type Inventory, type InventoryHost, type VarLayer } from './model.js';
import { groupHosts, localhostFor } from './patterns.js';

/**
 * The host for a name, as Ansible's get_host: inventory hosts, and for localhost, 127.0.0.1 or
 * ::1 not in the inventory, the inventory's first localhost-like host or else an implicit one.
 */
export function getHost(inv: Inventory, name: string): InventoryHost | undefined {
  const found = inv.hosts.get(name);
  if (found) return found;
  if (!LOCALHOST_NAMES.includes(name)) return undefined;
  const explicit = inv.hosts.get(localhostFor(inv, name));
  return explicit ?? implicitLocalhost(inv, name);
}

/**
 * The implicit localhost Ansible creates when a play names localhost but the inventory does not
 * define it: connection local, in no group (so `all` does not include it), yet it still gets the
 * 'all' group's variables and host_vars/localhost.
 */
export function implicitLocalhost(inv: Inventory, name = 'localhost'): InventoryHost {
  const files = inv.varSources.hostFiles.get(name) ?? [];
  const vars: Record<string, unknown> = { ansible_connection: 'local' };
  for (const l of files) Object.assign(vars, l.vars);
  return { name, vars, groups: ['all'], file: undefined, implicit: true };
}

/** The implicit host's own variables, as a layer. */
const IMPLICIT_LAYER: VarLayer = { source: 'implicit localhost', vars: { ansible_connection: 'local' } };

/**
 * Variable layers for one host, lowest precedence first, following Ansible's order:
 *   1. inventory-file vars of 'all', then of each group (by depth, ansible_group_priority, name)
 *   2. group_vars/all beside the inventory, then beside the playbook
 *   3. group_vars/<group> beside the inventory (same group order), then beside the playbook
 *   4. the host's inventory-file vars, then host_vars/ beside the inventory, then the playbook
 * Returns no layers for a name that is neither an inventory host nor localhost.
 */
export function hostVarLayers(inv: Inventory, host: string): readonly VarLayer[] {
  const h = getHost(inv, host);
  if (!h) return [];
  const v = inv.varSources;
  const groups = h.implicit ? [] : sortGroups(h.groups.filter((g) => g !== 'all'), inv.groups);
  const pick = (map: ReadonlyMap<string, readonly VarLayer[]>, names: readonly string[]): VarLayer[] =>
    names.flatMap((n) => map.get(n) ?? []);
  return [
    ...pick(v.groupInline, ['all', ...groups]),
    ...pick(v.groupFiles, ['all']),
    ...pick(v.playbookGroupFiles, ['all']),
    ...pick(v.groupFiles, groups),
    ...pick(v.playbookGroupFiles, groups),
    ...(h.implicit ? [IMPLICIT_LAYER] : pick(v.hostInline, [h.name])),
    ...pick(v.hostFiles, [h.name]),
    ...pick(v.playbookHostFiles, [h.name]),
  ];
}

/** Ansible's `groups` variable: every group (with 'all' and 'ungrouped') to all its hosts. */
export function groupsMap(inv: Inventory): Record<string, string[]> {
  let cached = groupsCache.get(inv);
  if (!cached) {
    cached = {};
    for (const g of inv.groups.keys()) cached[g] = groupHosts(inv, g);
    groupsCache.set(inv, cached);
  }
  // A copy per caller: the result is often handed to templates, which must not share state.
  return Object.fromEntries(Object.entries(cached).map(([g, hs]) => [g, [...hs]]));
}

/** Inventories never change once built, so the map is computed once per inventory. */
const groupsCache = new WeakMap<Inventory, Record<string, string[]>>();

/** Ansible's `group_names`: the host's groups except 'all', sorted by name. */
export function groupNames(inv: Inventory, host: string): string[] {
  const h = getHost(inv, host);
  return h ? h.groups.filter((g) => g !== 'all').sort() : [];
}

/** Magic variables that come from the inventory alone. */
export function inventoryMagicVars(inv: Inventory, host: string): Record<string, unknown> {
  const h = getHost(inv, host);
  const name = h?.name ?? host;
  const file = h?.file;
  return {
    inventory_hostname: name,
    inventory_hostname_short: name.split('.')[0] ?? name,
    group_names: groupNames(inv, name),
    groups: groupsMap(inv),
    inventory_file: file ?? null,
    inventory_dir: file === undefined ? null : dirname(file),
  };
}

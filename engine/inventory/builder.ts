// Mutable inventory under construction. Parsers add groups, hosts, edges and inline variables;
// reconcile() then applies Ansible's rules (every group under 'all', hosts without a group in
// 'ungrouped', depths), and build() freezes the result with the variable files attached.
import type { Inventory, InventoryGroup, InventoryHost, VarLayer, Vars } from './model.js';

interface GroupDraft {
  readonly name: string;
  readonly children: string[];
  readonly parents: string[];
  readonly hosts: string[];
  priority: number;
  depth: number;
}

interface HostDraft {
  readonly name: string;
  readonly direct: string[];
  readonly file: string | undefined;
}

/** Inline layers are filled key by key while parsing, so they stay mutable here. */
interface DraftLayer {
  readonly source: string;
  readonly vars: Record<string, unknown>;
}

type LayerMap = Map<string, DraftLayer[]>;

export class InventoryBuilder {
  private readonly groups = new Map<string, GroupDraft>();
  private readonly hosts = new Map<string, HostDraft>();
  readonly groupInline: LayerMap = new Map();
  readonly hostInline: LayerMap = new Map();
  readonly groupFiles = new Map<string, VarLayer[]>();
  readonly hostFiles = new Map<string, VarLayer[]>();

  constructor() {
    this.addGroup('all');
    this.addGroup('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  hasGroup(name: string): boolean {
    return this.groups.has(name);
  }

  hasHost(name: string): boolean {
    return this.hosts.has(name);
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  hostNames(): string[] {
    return [...this.hosts.keys()];
  }

  addGroup(name: string): void {
    if (!this.groups.has(name)) {
      this.groups.set(name, { name, children: [], parents: [], hosts: [], priority: 1, depth: 0 });
    }
  }

  /** Adds the host (first definition wins for `file`) and makes it a member of `group`. */
  addHost(name: string, group: string, file: string | undefined): void {
    let host = this.hosts.get(name);
    if (!host) {
      host = { name, direct: [], file };
      this.hosts.set(name, host);
    }
    const g = this.groups.get(group);
    if (g && !g.hosts.includes(name)) {
      g.hosts.push(name);
      host.direct.push(group);
    }
  }

  /** Returns an error message when the edge would make a group its own ancestor. */
  addChild(parent: string, child: string): string | undefined {
    const p = this.groups.get(parent);
    const c = this.groups.get(child);
    if (!p || !c) return `unknown group '${!p ? parent : child}'`;
    if (child === 'all') return `'all' contains every group and cannot be a child of '${parent}'`;
    if (parent === child) return `group '${child}' cannot be a child of itself`;
    if (this.isDescendant(parent, child)) {
      return `making '${child}' a child of '${parent}' creates a cycle: '${parent}' is already inside '${child}'`;
    }
    if (!p.children.includes(child)) {
      p.children.push(child);
      c.parents.push(parent);
    }
    return undefined;
  }

  private isDescendant(name: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length > 0) {
      const g = this.groups.get(stack.pop() ?? '');
      if (!g) continue;
      for (const k of g.children) {
        if (k === name) return true;
        if (!seen.has(k)) {
          seen.add(k);
          stack.push(k);
        }
      }
    }
    return false;
  }

  /** Sets one inline variable. Returns an error message for a bad ansible_group_priority. */
  setGroupVar(group: string, key: string, value: unknown, source: string): string | undefined {
    if (key === 'ansible_group_priority') {
      const n = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return `ansible_group_priority must be an integer, got ${JSON.stringify(value)}`;
      const g = this.groups.get(group);
      if (g) g.priority = n;
    }
    setLayered(this.groupInline, group, key, value, source);
    return undefined;
  }

  setHostVar(host: string, key: string, value: unknown, source: string): void {
    setLayered(this.hostInline, host, key, value, source);
  }

  /** Ansible's reconcile_inventory: attach orphan groups to 'all', fill 'ungrouped', compute depths. */
  reconcile(): void {
    const all = this.groups.get('all');
    if (!all) return;
    for (const g of this.groups.values()) {
      if (g.name !== 'all' && g.parents.length === 0) this.addChild('all', g.name);
    }
    const ungrouped = this.groups.get('ungrouped');
    for (const h of this.hosts.values()) {
      const others = h.direct.filter((g) => g !== 'all' && g !== 'ungrouped');
      if (ungrouped && others.length > 0 && h.direct.includes('ungrouped')) {
        h.direct.splice(h.direct.indexOf('ungrouped'), 1);
        ungrouped.hosts.splice(ungrouped.hosts.indexOf(h.name), 1);
      } else if (others.length === 0 && !h.direct.includes('ungrouped')) {
        this.addHost(h.name, 'ungrouped', h.file);
      }
      // Every host is a member of 'all', after those placed there explicitly.
      if (!all.hosts.includes(h.name)) all.hosts.push(h.name);
    }
    const memo = new Map<string, number>();
    const depth = (name: string): number => {
      const known = memo.get(name);
      if (known !== undefined) return known;
      const g = this.groups.get(name);
      const d = !g || name === 'all' ? 0 : Math.max(0, ...g.parents.map((p) => depth(p) + 1));
      memo.set(name, d);
      return d;
    };
    for (const g of this.groups.values()) g.depth = depth(g.name);
  }

  addFileLayer(kind: 'group' | 'host', name: string, layer: VarLayer): void {
    pushLayer(kind === 'group' ? this.groupFiles : this.hostFiles, name, layer);
  }

  build(sources: readonly string[], varDirs: readonly string[]): Inventory {
    const groups = new Map<string, InventoryGroup>();
    for (const g of this.groups.values()) {
      groups.set(g.name, {
        name: g.name,
        vars: merge(this.groupInline.get(g.name), this.groupFiles.get(g.name)),
        children: [...g.children],
        parents: [...g.parents],
        hosts: [...g.hosts],
        depth: g.depth,
        priority: g.priority,
      });
    }
    const hosts = new Map<string, InventoryHost>();
    for (const h of this.hosts.values()) {
      hosts.set(h.name, {
        name: h.name,
        vars: merge(this.hostInline.get(h.name), this.hostFiles.get(h.name)),
        groups: sortGroups(ancestorsOf(h.direct, groups), groups),
        file: h.file,
        implicit: false,
      });
    }
    return {
      hosts,
      groups,
      sources: [...sources],
      varSources: {
        groupInline: this.groupInline,
        hostInline: this.hostInline,
        groupFiles: this.groupFiles,
        hostFiles: this.hostFiles,
        playbookGroupFiles: new Map(),
        playbookHostFiles: new Map(),
        dirs: [...varDirs],
      },
    };
  }
}

function setLayered(map: LayerMap, name: string, key: string, value: unknown, source: string): void {
  const layers = map.get(name) ?? [];
  let last = layers[layers.length - 1];
  if (!last || last.source !== source) {
    last = { source, vars: {} };
    layers.push(last);
    map.set(name, layers);
  }
  last.vars[key] = value;
}

function pushLayer(map: Map<string, VarLayer[]>, name: string, layer: VarLayer): void {
  const layers = map.get(name) ?? [];
  layers.push(layer);
  map.set(name, layers);
}

/** Later layers replace earlier top-level keys (Ansible's default hash_behaviour=replace). */
export function merge(...lists: (readonly VarLayer[] | undefined)[]): Vars {
  const out: Record<string, unknown> = {};
  for (const list of lists) for (const l of list ?? []) Object.assign(out, l.vars);
  return out;
}

/** The groups themselves plus every ancestor, and always 'all'. */
function ancestorsOf(direct: readonly string[], groups: ReadonlyMap<string, InventoryGroup>): string[] {
  const out = new Set<string>(['all']);
  const stack = [...direct];
  while (stack.length > 0) {
    const name = stack.pop() ?? '';
    if (out.has(name) && name !== 'all') continue;
    out.add(name);
    for (const p of groups.get(name)?.parents ?? []) stack.push(p);
  }
  return [...out];
}

/** Ansible's sort_groups: by depth, then ansible_group_priority, then name. */
export function sortGroups(names: readonly string[], groups: ReadonlyMap<string, InventoryGroup>): string[] {
  const key = (n: string): [number, number] => {
    const g = groups.get(n);
    return [g?.depth ?? 0, g?.priority ?? 1];
  };
  return [...names].sort((a, b) => {
    const [da, pa] = key(a);
    const [db, pb] = key(b);
    return da - db || pa - pb || (a < b ? -1 : a > b ? 1 : 0);
  });
}

// The loaded inventory: hosts, groups, and every variable kept with the place it came from,
// so the precedence between inventory files, group_vars/ and host_vars/ can be applied exactly.
import type { Diagnostic } from '../errors/diagnostic.js';

export type Vars = Readonly<Record<string, unknown>>;

/** One set of variables and where it was read from (a file path, or a file and an entity). */
export interface VarLayer {
  readonly source: string;
  readonly vars: Vars;
  /** Plaintexts decrypted from a vault in this layer's file: the run redacts them. */
  readonly secrets?: readonly string[];
}

export interface InventoryHost {
  readonly name: string;
  /** The host's own variables: inline definitions, then host_vars/ beside the inventory. */
  readonly vars: Vars;
  /** Every group the host is in, ancestors and 'all' included, lowest precedence first. */
  readonly groups: readonly string[];
  /** Absolute path of the inventory file that first defined the host (Ansible's `inventory_file`). */
  readonly file: string | undefined;
  /** True only for the implicit localhost, which no group contains. */
  readonly implicit: boolean;
}

export interface InventoryGroup {
  readonly name: string;
  /** Inline definitions, then group_vars/ beside the inventory. */
  readonly vars: Vars;
  /** Direct child groups, in definition order. */
  readonly children: readonly string[];
  readonly parents: readonly string[];
  /** Direct member hosts, in definition order (see groupHosts() for descendants too). */
  readonly hosts: readonly string[];
  /** Longest distance from 'all' (0 for 'all', 1 for its children, ...). */
  readonly depth: number;
  /** `ansible_group_priority` from the inventory source; 1 when unset. */
  readonly priority: number;
}

/** Variables by origin, for hostVarLayers(). Keyed by group or host name. */
export interface InventoryVarSources {
  /** Definitions inside inventory files (YAML `vars:`, INI `[g:vars]`, host line key=value). */
  readonly groupInline: ReadonlyMap<string, readonly VarLayer[]>;
  readonly hostInline: ReadonlyMap<string, readonly VarLayer[]>;
  /** group_vars/ and host_vars/ beside the inventory sources, in load order. */
  readonly groupFiles: ReadonlyMap<string, readonly VarLayer[]>;
  readonly hostFiles: ReadonlyMap<string, readonly VarLayer[]>;
  /** group_vars/ and host_vars/ beside the playbook: above the inventory's in precedence. */
  readonly playbookGroupFiles: ReadonlyMap<string, readonly VarLayer[]>;
  readonly playbookHostFiles: ReadonlyMap<string, readonly VarLayer[]>;
  /** Absolute directories whose group_vars/ and host_vars/ were read as the inventory's. */
  readonly dirs: readonly string[];
}

export interface Inventory {
  /** In definition order; the implicit localhost is never listed here. */
  readonly hosts: ReadonlyMap<string, InventoryHost>;
  /** 'all' and 'ungrouped' first, then in definition order. */
  readonly groups: ReadonlyMap<string, InventoryGroup>;
  /** The -i values as resolved: file and directory paths, or host lists verbatim. */
  readonly sources: readonly string[];
  readonly varSources: InventoryVarSources;
}

export type LoadResult =
  | { ok: true; inventory: Inventory; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; warnings: Diagnostic[] };

export type SelectResult =
  | { ok: true; hosts: string[]; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; warnings: Diagnostic[] };

/** Names Ansible treats as the control machine; one may be created on demand (implicit localhost). */
export const LOCALHOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

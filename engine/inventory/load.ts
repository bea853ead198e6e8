// loadInventory: every -i source into one inventory, then group_vars/ and host_vars/ beside the
// sources and (optionally) beside the playbook. All problems are collected; warnings never fail.
import { resolve } from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import { InventoryBuilder } from './builder.js';
import type { Inventory, LoadResult } from './model.js';
import { addSource, type SourceContext } from './sources.js';
import { loadVarsDir } from './vars-dirs.js';
import type { VaultPassword } from '../vault/index.js';

export interface LoadOptions {
  /** Base for relative -i paths and for paths shown in messages; defaults to process.cwd(). */
  readonly cwd?: string;
  /** The playbook's directory: its group_vars/ and host_vars/ override the inventory's. */
  readonly playbookDir?: string;
  /** Passwords for vaulted group_vars/host_vars files and `!vault` values in them. */
  readonly vaultPasswords?: readonly VaultPassword[];
}

export async function loadInventory(specs: readonly string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const builder = new InventoryBuilder();
  const ctx: SourceContext = { cwd, builder, errors: [], warnings: [], varDirs: [], sources: [] };
  for (const spec of specs) await addSource(spec, ctx);
  builder.reconcile();
  const groups = builder.groupNames();
  const hosts = builder.hostNames();
  const seen = new Set<string>();
  for (const dir of ctx.varDirs) {
    // Two files in one directory share its group_vars/; read it once.
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const kind of ['group', 'host'] as const) {
      const r = await loadVarsDir(dir, kind, kind === 'group' ? groups : hosts, cwd, opts.vaultPasswords);
      ctx.errors.push(...r.errors);
      ctx.warnings.push(...r.warnings);
      for (const [name, layers] of r.layers) for (const l of layers) builder.addFileLayer(kind, name, l);
    }
  }
  ctx.warnings.push(...nameClashes(groups, hosts));
  if (ctx.errors.length > 0) return { ok: false, diagnostics: ctx.errors, warnings: ctx.warnings };
  const inventory = builder.build(ctx.sources, [...seen]);
  if (opts.playbookDir === undefined) return { ok: true, inventory, warnings: ctx.warnings };
  const withPb = await addPlaybookVars(inventory, resolve(cwd, opts.playbookDir), { cwd, ...(opts.vaultPasswords ? { vaultPasswords: opts.vaultPasswords } : {}) });
  return withPb.ok
    ? { ok: true, inventory: withPb.inventory, warnings: [...ctx.warnings, ...withPb.warnings] }
    : { ok: false, diagnostics: withPb.diagnostics, warnings: [...ctx.warnings, ...withPb.warnings] };
}

/**
 * Adds group_vars/ and host_vars/ found beside a playbook. They rank above the inventory's own
 * (Ansible's "playbook group_vars" and "playbook host_vars" levels). Several directories may be
 * added; later ones win.
 */
export async function addPlaybookVars(inv: Inventory, dir: string, opts: { cwd?: string; vaultPasswords?: readonly VaultPassword[] } = {}): Promise<LoadResult> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const base = resolve(cwd, dir);
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  // Beside the inventory they are the inventory's own files, already read: do not count them twice.
  if (inv.varSources.dirs.includes(base)) return { ok: true, inventory: inv, warnings: [] };
  const groupFiles = new Map(inv.varSources.playbookGroupFiles);
  const hostFiles = new Map(inv.varSources.playbookHostFiles);
  for (const kind of ['group', 'host'] as const) {
    const known = [...(kind === 'group' ? inv.groups : inv.hosts).keys()];
    const r = await loadVarsDir(base, kind, known, cwd, opts.vaultPasswords);
    errors.push(...r.errors);
    warnings.push(...r.warnings);
    const target = kind === 'group' ? groupFiles : hostFiles;
    for (const [name, layers] of r.layers) target.set(name, [...(target.get(name) ?? []), ...layers]);
  }
  if (errors.length > 0) return { ok: false, diagnostics: errors, warnings };
  return {
    ok: true,
    inventory: { ...inv, varSources: { ...inv.varSources, playbookGroupFiles: groupFiles, playbookHostFiles: hostFiles } },
    warnings,
  };
}

function nameClashes(groups: readonly string[], hosts: readonly string[]): Diagnostic[] {
  const g = new Set(groups);
  return hosts
    .filter((h) => g.has(h))
    .map((h) => ({ code: 'INVENTORY_NAME_CLASH', message: `'${h}' is both a group and a host; in patterns the host wins` }));
}

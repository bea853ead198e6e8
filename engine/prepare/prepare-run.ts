// Everything before the first connection: playbook, inventory, extra vars, host selection and
// the plan. Collects every problem from every input and returns them together. The caller passes
// every value in (options, environment, vault passwords already read); nothing here reads the
// process or prints.
import { resolve } from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import { decryptInventory } from '../inventory/vault.js';
import { loadInventory } from '../inventory/index.js';
import { loadPlaybook } from '../load/playbook-loader.js';
import { moduleLookup } from '../modules/lookup.js';
import { planPlaybook } from '../plan/plan.js';
import type { TagSelection } from '../plan/tags.js';
import { parseExtraVars } from '../vars/extra-vars.js';
import type { VaultPassword } from '../vault/index.js';
import { inventoryPasswords } from './inventory-passwords.js';
import { playHosts } from './play-hosts.js';
import { redactPatterns } from './redact-patterns.js';
import type { Prepared } from './prepared-run.js';

export interface PrepareInput {
  /** The playbook file; relative to `cwd`. */
  readonly playbook: string;
  /** -i sources as given: files, directories or host lists. */
  readonly inventories: readonly string[];
  readonly limit?: string;
  readonly tags: TagSelection;
  readonly startAtTask?: string;
  /** -e values as given: k=v, YAML/JSON, or @file. */
  readonly extraVars: readonly string[];
  /** Base for every relative path. */
  readonly cwd: string;
  /** Folders searched for roles after the playbook's own roles/. */
  readonly rolesPath: readonly string[];
  readonly vaultPasswords: readonly VaultPassword[];
}

export async function prepareRun(input: PrepareInput): Promise<Prepared> {
  const { cwd, vaultPasswords } = input;
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const pb = loadPlaybook(resolve(cwd, input.playbook), { modules: moduleLookup(), rolesPath: input.rolesPath, vaultPasswords });
  if (!pb.ok) diagnostics.push(...pb.diagnostics);
  const loadedInv = await loadInventory(input.inventories, { cwd, vaultPasswords, ...(pb.ok ? { playbookDir: pb.playbook.dir } : {}) });
  warnings.push(...loadedInv.warnings);
  const inv = loadedInv.ok ? decryptInventory(loadedInv.inventory, vaultPasswords) : loadedInv;
  if (!inv.ok) diagnostics.push(...inv.diagnostics);
  const extra = parseExtraVars(input.extraVars, cwd, vaultPasswords);
  if (!extra.ok) diagnostics.push(...extra.diagnostics);
  if (!pb.ok || !inv.ok || !extra.ok) return { ok: false, diagnostics, warnings };

  const plans = planPlaybook(pb.playbook.plays, {
    tags: input.tags,
    ...(input.startAtTask !== undefined ? { startAtTask: input.startAtTask } : {}),
  });
  const selected = playHosts(inv.inventory, plans, input.limit, cwd);
  warnings.push(...selected.warnings);
  if (selected.diagnostics.length) return { ok: false, diagnostics: selected.diagnostics, warnings };
  const redact = redactPatterns(pb.playbook, inv.inventory, cwd);
  if (redact.diagnostics.length) return { ok: false, diagnostics: [...redact.diagnostics], warnings };
  // Vault values first, then inventory passwords: the order the redactor replaces them in.
  const secrets = [...new Set([...pb.secrets, ...inv.secrets, ...(extra.secrets ?? []), ...inventoryPasswords(inv.inventory)])];
  return {
    ok: true,
    run: { playbook: pb.playbook, inventory: inv.inventory, extraVars: extra.vars, plays: selected.plays, tags: input.tags, secrets, redactPatterns: redact.patterns },
    warnings,
  };
}

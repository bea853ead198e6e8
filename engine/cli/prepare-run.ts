// Everything before the first connection: playbook, inventory, extra vars, host selection and
// the plan. Collects every problem from every input and returns them together.
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { decryptInventory } from '../inventory/vault.js';
import { loadVaultPasswords } from '../vault/index.js';
import { applyLimit, formatWarning, loadInventory, selectHosts, type Inventory } from '../inventory/index.js';
import { loadPlaybook } from '../load/playbook-loader.js';
import type { Playbook } from '../model/types.js';
import { moduleLookup } from '../modules/lookup.js';
import { planPlaybook, type PlayPlan } from '../plan/plan.js';
import { parseExtraVars } from '../vars/extra-vars.js';
import type { CliIo } from './io.js';
import type { RunOptions } from './run-options.js';

export interface PreparedPlay {
  readonly plan: PlayPlan;
  readonly hosts: readonly string[];
}

export interface PreparedRun {
  readonly playbook: Playbook;
  readonly inventory: Inventory;
  readonly extraVars: Readonly<Record<string, unknown>>;
  readonly plays: readonly PreparedPlay[];
  /** Every plaintext decrypted from a vault: redacted from all output. */
  readonly secrets: readonly string[];
}

export type Prepared = { ok: true; run: PreparedRun } | { ok: false; diagnostics: Diagnostic[] };

export async function prepareRun(opts: RunOptions, io: CliIo): Promise<Prepared> {
  const diagnostics: Diagnostic[] = [];
  const vault = await loadVaultPasswords({
    passwordFiles: opts.vaultPasswordFiles,
    vaultIds: opts.vaultIds,
    askVaultPass: opts.askVaultPass,
    cwd: io.cwd,
    env: io.env,
  });
  if (!vault.ok) return { ok: false, diagnostics: [diagnostic('VAULT_PASSWORD', vault.message)] };
  const vaultPasswords = vault.passwords;
  const rolesPath = (io.env['DECKHAND_ROLES_PATH'] ?? io.env['ANSIBLE_ROLES_PATH'] ?? '').split(':').filter(Boolean);
  const pb = loadPlaybook(resolve(io.cwd, opts.playbook), { modules: moduleLookup(), rolesPath, vaultPasswords });
  if (!pb.ok) diagnostics.push(...pb.diagnostics);
  const loadedInv = await loadInventory(opts.inventories, { cwd: io.cwd, vaultPasswords, ...(pb.ok ? { playbookDir: pb.playbook.dir } : {}) });
  for (const w of loadedInv.warnings) io.err(formatWarning(w));
  const inv = loadedInv.ok ? decryptInventory(loadedInv.inventory, vaultPasswords) : loadedInv;
  if (!inv.ok) diagnostics.push(...inv.diagnostics);
  const extra = parseExtraVars(opts.extraVars, io.cwd, vaultPasswords);
  if (!extra.ok) diagnostics.push(...extra.diagnostics);
  if (!pb.ok || !inv.ok || !extra.ok) return { ok: false, diagnostics };

  const plans = planPlaybook(pb.playbook.plays, {
    tags: { only: opts.tags, skip: opts.skipTags },
    ...(opts.startAtTask !== undefined ? { startAtTask: opts.startAtTask } : {}),
  });
  const plays: PreparedPlay[] = [];
  for (const plan of plans) {
    const selected = selectHosts(inv.inventory, plan.play.hosts);
    for (const w of selected.warnings) io.err(formatWarning(w));
    if (!selected.ok) {
      diagnostics.push(...selected.diagnostics.map((d) => (d.pos ? d : { ...d, ...plan.play.origin.at(['hosts'], d.code, d.message, d.hint) })));
      continue;
    }
    const limited = applyLimit(inv.inventory, selected.hosts, opts.limit, { cwd: io.cwd });
    for (const w of limited.warnings) io.err(formatWarning(w));
    if (!limited.ok) {
      diagnostics.push(...limited.diagnostics);
      continue;
    }
    plays.push({ plan, hosts: limited.hosts });
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  const secrets = [...new Set([...pb.secrets, ...inv.secrets, ...(extra.secrets ?? [])])];
  return { ok: true, run: { playbook: pb.playbook, inventory: inv.inventory, extraVars: extra.vars, plays, secrets } };
}

// Vault in inventories: `!vault` values inside inventory files are decrypted here (vaulted
// group_vars/host_vars files are decrypted as they are read); every plaintext is collected so
// the run can redact it.
import type { Diagnostic } from '../errors/diagnostic.js';
import { diagnostic } from '../errors/diagnostic.js';
import { decryptVaultValues, type VaultPassword } from '../vault/index.js';
import type { Inventory } from './model.js';

export type InventoryVault = { ok: true; inventory: Inventory; secrets: string[] } | { ok: false; diagnostics: Diagnostic[] };

export function decryptInventory(inv: Inventory, passwords: readonly VaultPassword[]): InventoryVault {
  const r = decryptVaultValues(inv, passwords);
  if (!r.ok) return { ok: false, diagnostics: [diagnostic(r.code, `inventory: ${r.message}`)] };
  const out = r.value as Inventory;
  const secrets = [...r.secrets];
  const vs = out.varSources;
  for (const m of [vs.groupFiles, vs.hostFiles, vs.playbookGroupFiles, vs.playbookHostFiles]) {
    for (const layers of m.values()) for (const l of layers) secrets.push(...(l.secrets ?? []));
  }
  return { ok: true, inventory: out, secrets };
}

// The vault password options shared by `deckhand run` and `deckhand vault`, turned into the list
// of labelled passwords that decryptVault tries: --vault-id [label@]FILE|prompt (repeatable),
// --vault-password-file FILE (repeatable), --ask-vault-pass, and DECKHAND_VAULT_PASSWORD_FILE /
// ANSIBLE_VAULT_PASSWORD_FILE when no option names a source.
import { resolve } from 'node:path';
import { checkLabel, DEFAULT_LABEL } from './envelope.js';
import { askVaultPassword, readVaultPasswordFile, type PasswordRead } from './passwords.js';
import type { VaultPassword } from './vault.js';

export interface VaultIdSpec {
  readonly label: string;
  /** A file path, or 'prompt' to ask on the terminal. */
  readonly source: string;
}

/** `label@source` or just `source` (label 'default'), as Ansible splits --vault-id. */
export function parseVaultId(spec: string): { ok: true; id: VaultIdSpec } | { ok: false; message: string } {
  const at = spec.indexOf('@');
  const label = at < 0 ? DEFAULT_LABEL : spec.slice(0, at) || DEFAULT_LABEL;
  const source = at < 0 ? spec : spec.slice(at + 1);
  if (source === '') return { ok: false, message: `--vault-id '${spec}' names no password file (use LABEL@FILE or LABEL@prompt)` };
  const bad = checkLabel(label);
  if (bad) return { ok: false, message: `--vault-id '${spec}': ${bad}` };
  return { ok: true, id: { label, source } };
}

export interface VaultSourceOptions {
  readonly passwordFiles: readonly string[];
  readonly vaultIds: readonly string[];
  readonly askVaultPass: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Ask twice and require the same answer (for passwords that will encrypt). */
  readonly confirm?: boolean;
  /** Replaces the terminal prompt (tests). */
  readonly ask?: (prompt: string) => Promise<PasswordRead>;
}

export type VaultSources =
  | { ok: true; passwords: VaultPassword[] }
  | { ok: false; message: string; kind: 'options' | 'password' };

/** Resolves every source in order: vault ids, then password files, then the prompt. */
export async function loadVaultPasswords(opts: VaultSourceOptions): Promise<VaultSources> {
  const ids: VaultIdSpec[] = [];
  for (const spec of opts.vaultIds) {
    const p = parseVaultId(spec);
    if (!p.ok) return { ok: false, message: p.message, kind: 'options' };
    ids.push(p.id);
  }
  for (const f of opts.passwordFiles) ids.push({ label: DEFAULT_LABEL, source: f });
  if (opts.askVaultPass) ids.push({ label: DEFAULT_LABEL, source: 'prompt' });
  const fromEnv = opts.env['DECKHAND_VAULT_PASSWORD_FILE'] ?? opts.env['ANSIBLE_VAULT_PASSWORD_FILE'];
  if (ids.length === 0 && fromEnv) ids.push({ label: DEFAULT_LABEL, source: fromEnv });

  const ask = opts.ask ?? ((prompt: string) => askVaultPassword(prompt));
  const passwords: VaultPassword[] = [];
  for (const id of ids) {
    const r = id.source === 'prompt' ? await prompted(id.label, ask, opts.confirm === true) : await readVaultPasswordFile(resolve(opts.cwd, id.source), { label: id.label });
    if (!r.ok) return { ok: false, message: r.message, kind: 'password' };
    passwords.push(id.label === DEFAULT_LABEL ? { password: r.password } : { label: id.label, password: r.password });
  }
  return { ok: true, passwords };
}

async function prompted(label: string, ask: (prompt: string) => Promise<PasswordRead>, confirm: boolean): Promise<PasswordRead> {
  const suffix = label === DEFAULT_LABEL ? '' : ` (${label})`;
  const first = await ask(`${confirm ? 'New vault' : 'Vault'} password${suffix}: `);
  if (!first.ok || !confirm) return first;
  const second = await ask(`Confirm new vault password${suffix}: `);
  if (!second.ok) return second;
  return second.password === first.password ? first : { ok: false, message: 'the passwords do not match' };
}

// Ansible Vault encryption and decryption of one vaulted text (a whole file or one `!vault`
// value). Failures are data with a stable code; no message ever contains plaintext.
import type { DiagnosticCode } from '../errors/codes.js';
import { open, seal } from './cipher.js';
import { checkLabel, DEFAULT_LABEL, formatEnvelope, isVaulted, parseEnvelope } from './envelope.js';

export { isVaulted } from './envelope.js';

export interface VaultPassword {
  /** The vault id label (`--vault-id label@file`); undefined means Ansible's 'default'. */
  readonly label?: string;
  readonly password: string;
}

export type VaultErrorCode = Extract<DiagnosticCode, 'VAULT_FORMAT' | 'VAULT_HMAC' | 'VAULT_NO_PASSWORD'>;

export interface VaultFailure {
  readonly ok: false;
  readonly code: VaultErrorCode;
  readonly message: string;
}

export type VaultDecrypt =
  | { readonly ok: true; readonly plaintext: string; readonly bytes: Buffer; readonly label?: string }
  | VaultFailure;

export interface EncryptOptions {
  /** Written into a 1.2 header; absent or 'default' gives a 1.1 file, as ansible-vault does. */
  readonly label?: string;
}

export function encryptVault(plaintext: string | Uint8Array, password: string, opts: EncryptOptions = {}): string {
  if (password === '') throw new Error('a vault password must not be empty');
  const label = opts.label ?? DEFAULT_LABEL;
  const bad = checkLabel(label);
  if (bad) throw new Error(bad);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
  const sealed = seal(data, Buffer.from(password, 'utf8'));
  return formatEnvelope({ ...sealed, label });
}

/**
 * Tries the passwords whose label matches the file's first, then every other one (Ansible's
 * default: a vault id label is a hint, not a requirement).
 */
export function decryptVault(text: string, passwords: readonly VaultPassword[]): VaultDecrypt {
  if (!isVaulted(text)) return failure('VAULT_FORMAT', 'not vault data: it does not start with $ANSIBLE_VAULT');
  const parsed = parseEnvelope(text);
  if (!parsed.ok) return failure('VAULT_FORMAT', parsed.message);
  const env = parsed.envelope;
  const usable = passwords.filter((p) => p.password !== '');
  if (usable.length === 0) {
    return failure('VAULT_NO_PASSWORD', `a vault password is needed${env.label ? ` (vault id '${env.label}')` : ''}: use --vault-password-file, --vault-id or --ask-vault-pass`);
  }
  const wanted = env.label ?? DEFAULT_LABEL;
  const ordered = [...usable.filter((p) => (p.label ?? DEFAULT_LABEL) === wanted), ...usable.filter((p) => (p.label ?? DEFAULT_LABEL) !== wanted)];
  let padding = false;
  for (const p of ordered) {
    const r = open(env, Buffer.from(p.password, 'utf8'));
    if (r.ok) {
      const base = { ok: true as const, plaintext: r.plaintext.toString('utf8'), bytes: r.plaintext };
      return env.label === undefined ? base : { ...base, label: env.label };
    }
    if (r.reason === 'padding') padding = true;
  }
  // An HMAC that verifies but padding that does not can only come from a file written wrongly.
  if (padding) return failure('VAULT_FORMAT', 'malformed vault data: the padding is invalid although the HMAC matches');
  const tried = ordered.length === 1 ? 'the vault password' : `${ordered.length} vault passwords`;
  return failure('VAULT_HMAC', `decryption failed: ${tried} did not match${env.label ? ` (vault id '${env.label}')` : ''}, or the vault data was changed (HMAC mismatch)`);
}

function failure(code: VaultErrorCode, message: string): VaultFailure {
  return { ok: false, code, message };
}

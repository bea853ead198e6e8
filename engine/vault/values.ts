// Vaulted data after loading: inline `!vault |` values (VaultText from the YAML loader) and whole
// vaulted files. Every decrypted string is also returned as a secret, so the run can redact it.
import { parseYaml } from '../source/yaml-file.js';
import { VaultText } from '../source/yaml-schema.js';
import { isVaulted } from './envelope.js';
import { decryptVault, type VaultErrorCode, type VaultPassword } from './vault.js';

export type VaultValuePath = readonly (string | number)[];

export type VaultValues =
  | { ok: true; value: unknown; secrets: string[] }
  | { ok: false; code: VaultErrorCode; message: string; path: VaultValuePath };

/**
 * Returns `value` with every VaultText replaced by its plaintext. Walks arrays, plain objects
 * and Maps (so a whole Playbook or Inventory can be passed); other objects are kept as they
 * are. Unchanged parts keep their identity, shared parts stay shared, cycles are safe. On
 * failure `path` says where the value sits (keys and indexes from `value`).
 */
export function decryptVaultValues(value: unknown, passwords: readonly VaultPassword[]): VaultValues {
  const walker = new Walker(passwords);
  const out = walker.walk(value, []);
  if (walker.failure) return { ok: false, ...walker.failure };
  return { ok: true, value: out, secrets: [...walker.secrets] };
}

class Walker {
  readonly secrets = new Set<string>();
  failure: { code: VaultErrorCode; message: string; path: VaultValuePath } | undefined;
  private readonly done = new Map<object, unknown>();
  private readonly plain = new Map<string, string>();

  constructor(private readonly passwords: readonly VaultPassword[]) {}

  walk(v: unknown, path: (string | number)[]): unknown {
    if (this.failure || v === null || typeof v !== 'object') return v;
    if (v instanceof VaultText) return this.decrypt(v, path);
    const seen = this.done.get(v);
    if (seen !== undefined) return seen;
    // Provisional entry: a cycle back to v sees v itself (its contents are decrypted in place below).
    this.done.set(v, v);
    const out = this.children(v, path);
    this.done.set(v, out);
    return out;
  }

  private children(v: object, path: (string | number)[]): unknown {
    if (Array.isArray(v)) {
      const items: unknown[] = v;
      const next = items.map((x, i) => this.walk(x, [...path, i]));
      return next.every((x, i) => x === items[i]) ? v : next;
    }
    if (v instanceof Map) {
      const entries = [...v.entries()].map(([k, x]): [unknown, unknown] => [k, this.walk(x, [...path, String(k)])]);
      return entries.every(([k, x]) => x === v.get(k)) ? v : new Map(entries);
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const rec = v as Record<string, unknown>;
    let changed = false;
    const next: Record<string, unknown> = proto === null ? (Object.create(null) as Record<string, unknown>) : {};
    for (const [k, x] of Object.entries(rec)) {
      const y = this.walk(x, [...path, k]);
      if (y !== x) changed = true;
      next[k] = y;
    }
    return changed ? next : v;
  }

  private decrypt(v: VaultText, path: VaultValuePath): string | VaultText {
    const cached = this.plain.get(v.ciphertext);
    if (cached !== undefined) return cached;
    const r = decryptVault(v.ciphertext.trimStart(), this.passwords);
    if (!r.ok) {
      this.failure = { code: r.code, message: `vault value${path.length ? ` at ${formatPath(path)}` : ''}: ${r.message}`, path };
      return v;
    }
    this.plain.set(v.ciphertext, r.plaintext);
    for (const s of secretsOf(r.plaintext)) this.secrets.add(s);
    return r.plaintext;
  }
}

export type VaultedFile =
  | { ok: true; text: string; vaulted: boolean; secrets: string[] }
  | { ok: false; code: VaultErrorCode; message: string };

/**
 * For a file that may be vaulted as a whole (vars files, group_vars/, host_vars/): the text to
 * parse as YAML. Every string value of a vaulted file counts as a secret: the user chose to
 * encrypt all of it. Parse errors in the plaintext are left to the caller's YAML parse.
 */
export function decryptVaultedFile(text: string, passwords: readonly VaultPassword[]): VaultedFile {
  if (!isVaulted(text)) return { ok: true, text, vaulted: false, secrets: [] };
  const r = decryptVault(text, passwords);
  if (!r.ok) return r;
  const parsed = parseYaml('<vaulted>', r.plaintext);
  const secrets = new Set<string>();
  if (parsed.ok) for (const s of stringLeaves(parsed.file.value)) for (const x of secretsOf(s)) secrets.add(x);
  return { ok: true, text: r.plaintext, vaulted: true, secrets: [...secrets] };
}

/** The whole plaintext, and each longer line of a multi-line one (a key or certificate shown in part). */
export function secretsOf(plaintext: string): string[] {
  const out = [plaintext];
  if (plaintext.includes('\n')) for (const line of plaintext.split('\n')) if (line.trim().length >= 8) out.push(line.trim());
  return out.filter((s) => s !== '');
}

function stringLeaves(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringLeaves);
  if (v !== null && typeof v === 'object' && !(v instanceof VaultText)) return Object.values(v).flatMap(stringLeaves);
  return [];
}

function formatPath(path: VaultValuePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

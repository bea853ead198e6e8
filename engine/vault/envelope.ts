// The Ansible Vault text envelope (formats 1.1 and 1.2), separate from the cryptography:
//   $ANSIBLE_VAULT;1.1;AES256            or   $ANSIBLE_VAULT;1.2;AES256;<label>
//   hex( hex(salt) "\n" hex(hmac) "\n" hex(ciphertext) ), wrapped at 80 columns
// Parsing is strict about hex and structure so that a damaged file is a format error with a
// reason, never an exception and never a partial decryption.

export const VAULT_HEADER = '$ANSIBLE_VAULT';
const CIPHER = 'AES256';
const WRAP = 80;
/** Ansible writes 1.1 for the default identity and 1.2 (with the label) for any other. */
export const DEFAULT_LABEL = 'default';

export interface Envelope {
  readonly version: '1.1' | '1.2';
  /** The vault id label of a 1.2 file; undefined for 1.1. */
  readonly label?: string;
  readonly salt: Buffer;
  /** HMAC-SHA256 of the ciphertext, as raw bytes. */
  readonly hmac: Buffer;
  readonly ciphertext: Buffer;
}

export type EnvelopeParse = { ok: true; envelope: Envelope } | { ok: false; message: string };

/** True when the text starts with the vault header, as Ansible's is_encrypted checks. */
export function isVaulted(text: string): boolean {
  return text.startsWith(VAULT_HEADER);
}

export function parseEnvelope(text: string): EnvelopeParse {
  const lines = text.split(/\r?\n|\r/);
  const header = (lines[0] ?? '').trim();
  if (!header.startsWith(VAULT_HEADER)) return fail(`not vault data: the first line must start with '${VAULT_HEADER}'`);
  const parts = header.split(';').map((p) => p.trim());
  const [, version, cipher, label] = parts;
  if (version !== '1.1' && version !== '1.2') return fail(`unsupported vault format version '${version ?? ''}' (1.1 and 1.2 are supported)`);
  if (cipher !== CIPHER) return fail(`unsupported vault cipher '${cipher ?? ''}' (only ${CIPHER})`);
  if (parts.length > 4) return fail('malformed vault header: too many fields');
  const body = lines.slice(1).map((l) => l.trim()).join('');
  const outer = unhex(body, 'body');
  if (!outer.ok) return outer;
  const inner = outer.bytes.toString('latin1').split('\n');
  if (inner.length !== 3) return fail('malformed vault body: expected salt, HMAC and ciphertext');
  const [saltHex = '', hmacHex = '', ctHex = ''] = inner;
  const salt = unhex(saltHex, 'salt');
  if (!salt.ok) return salt;
  const hmac = unhex(hmacHex, 'HMAC');
  if (!hmac.ok) return hmac;
  if (hmac.bytes.length !== 32) return fail('malformed vault body: the HMAC is not 32 bytes');
  const ct = unhex(ctHex, 'ciphertext');
  if (!ct.ok) return ct;
  if (ct.bytes.length === 0 || ct.bytes.length % 16 !== 0) return fail('malformed vault body: the ciphertext is not whole AES blocks');
  const envelope: Envelope =
    version === '1.2' && label !== undefined && label !== ''
      ? { version, label, salt: salt.bytes, hmac: hmac.bytes, ciphertext: ct.bytes }
      : { version, salt: salt.bytes, hmac: hmac.bytes, ciphertext: ct.bytes };
  return { ok: true, envelope };
}

/** The file text Ansible would write: header, body wrapped at 80 columns, final newline. */
export function formatEnvelope(e: Omit<Envelope, 'version'>): string {
  const label = e.label !== undefined && e.label !== DEFAULT_LABEL && e.label !== '' ? e.label : undefined;
  const header = label === undefined ? `${VAULT_HEADER};1.1;${CIPHER}` : `${VAULT_HEADER};1.2;${CIPHER};${label}`;
  const inner = `${e.salt.toString('hex')}\n${e.hmac.toString('hex')}\n${e.ciphertext.toString('hex')}`;
  const body = Buffer.from(inner, 'latin1').toString('hex');
  const lines = [header];
  for (let i = 0; i < body.length; i += WRAP) lines.push(body.slice(i, i + WRAP));
  return `${lines.join('\n')}\n`;
}

/** A label is written into the header line: it must not break the line or the fields. */
export function checkLabel(label: string): string | undefined {
  if (label === '') return 'the vault id label is empty';
  if (/[;\s@]/.test(label)) return `the vault id label '${label}' must not contain ';', '@' or whitespace`;
  return undefined;
}

function unhex(s: string, what: string): { ok: true; bytes: Buffer } | { ok: false; message: string } {
  if (s.length % 2 !== 0) return fail(`malformed vault ${what}: odd number of hex digits`);
  if (!/^[0-9a-fA-F]*$/.test(s)) return fail(`malformed vault ${what}: not hexadecimal`);
  return { ok: true, bytes: Buffer.from(s, 'hex') };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

// The VaultAES256 cipher as Ansible implements it: PBKDF2-SHA256 (10 000 iterations, 80 bytes
// split key | hmacKey | iv), AES-256-CTR over PKCS#7-padded plaintext, HMAC-SHA256 over the
// ciphertext. The HMAC is checked in constant time before anything is decrypted, so a wrong
// password or a tampered file yields no plaintext at all.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

const ITERATIONS = 10_000;
const KEY_LENGTH = 32;
const IV_LENGTH = 16;
const SALT_LENGTH = 32;
const BLOCK = 16;

interface Keys {
  readonly key: Buffer;
  readonly hmacKey: Buffer;
  readonly iv: Buffer;
}

function deriveKeys(password: Buffer, salt: Buffer): Keys {
  const derived = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_LENGTH + IV_LENGTH, 'sha256');
  return {
    key: derived.subarray(0, KEY_LENGTH),
    hmacKey: derived.subarray(KEY_LENGTH, 2 * KEY_LENGTH),
    iv: derived.subarray(2 * KEY_LENGTH),
  };
}

export interface Sealed {
  readonly salt: Buffer;
  readonly hmac: Buffer;
  readonly ciphertext: Buffer;
}

/** Encrypts with a fresh random salt (so the same input never gives the same file twice). */
export function seal(plaintext: Buffer, password: Buffer, salt: Buffer = randomBytes(SALT_LENGTH)): Sealed {
  const { key, hmacKey, iv } = deriveKeys(password, salt);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  const ciphertext = Buffer.concat([cipher.update(pad(plaintext)), cipher.final()]);
  const hmac = createHmac('sha256', hmacKey).update(ciphertext).digest();
  return { salt, hmac, ciphertext };
}

export type Opened = { ok: true; plaintext: Buffer } | { ok: false; reason: 'hmac' | 'padding' };

export function open(sealed: Sealed, password: Buffer): Opened {
  const { key, hmacKey, iv } = deriveKeys(password, sealed.salt);
  const expected = createHmac('sha256', hmacKey).update(sealed.ciphertext).digest();
  if (expected.length !== sealed.hmac.length || !timingSafeEqual(expected, sealed.hmac)) return { ok: false, reason: 'hmac' };
  const decipher = createDecipheriv('aes-256-ctr', key, iv);
  const padded = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  const plaintext = unpad(padded);
  return plaintext ? { ok: true, plaintext } : { ok: false, reason: 'padding' };
}

/** PKCS#7 to the AES block size: always 1..16 bytes, each holding the pad length. */
function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function unpad(data: Buffer): Buffer | undefined {
  const n = data[data.length - 1];
  if (n === undefined || n < 1 || n > BLOCK || n > data.length) return undefined;
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return undefined;
  return data.subarray(0, data.length - n);
}

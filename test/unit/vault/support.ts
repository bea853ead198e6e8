// Shared by the vault tests: fixture paths and a one-character tamper.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/vault/', import.meta.url));

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The fixtures' passwords, as their files hold them (trimmed). */
export const DEFAULT_PW = 'correct horse battery staple';
export const PROD_PW = 'prod-secret-2024';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'deckhand-vault-test-'));
}

export type Segment = 'salt' | 'hmac' | 'ciphertext';

/**
 * Changes exactly one hex character of a vault file's body, inside the given segment, so that
 * the body stays well-formed hex: the outer hex pair '3d' (an ASCII digit of the inner hex)
 * becomes '3e' with e = d + 1 mod 10. Only the HMAC check can notice.
 */
export function tamper(text: string, segment: Segment): string {
  const [header = '', ...rest] = text.trimEnd().split('\n');
  const body = rest.join('');
  const firstSep = pairIndex(body, '0a', 0);
  const secondSep = pairIndex(body, '0a', firstSep + 2);
  const [from, to] = segment === 'salt' ? [0, firstSep] : segment === 'hmac' ? [firstSep + 2, secondSep] : [secondSep + 2, body.length];
  for (let i = from; i < to; i += 2) {
    const d = body[i + 1] ?? '';
    if (body[i] === '3' && /[0-9]/.test(d)) {
      const changed = body.slice(0, i + 1) + String((Number(d) + 1) % 10) + body.slice(i + 2);
      return [header, ...(changed.match(/.{1,80}/g) ?? [])].join('\n') + '\n';
    }
  }
  throw new Error(`no digit to change in the ${segment}`);
}

function pairIndex(hex: string, pair: string, start: number): number {
  for (let i = start; i < hex.length; i += 2) if (hex.slice(i, i + 2) === pair) return i;
  throw new Error(`no '${pair}' separator in the vault body`);
}

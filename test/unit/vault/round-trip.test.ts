// Properties of encryptVault/decryptVault. Each run costs two or three PBKDF2 derivations
// (10 000 iterations), so the run counts are small and fixed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decryptVault, encryptVault } from '../../../engine/vault/index.js';

/** Replay a failure with FC_SEED=<seed> (fast-check prints the seed and path). */
const SEED = Number(process.env['FC_SEED'] ?? 20260701);
const TIME_BOUND_MS = 2_000;

const plaintext = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom('', '\n', '0123456789abcdef', '$ANSIBLE_VAULT;1.1;AES256\n'),
);
const password = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const label = fc.option(fc.stringMatching(/^[A-Za-z0-9_.-]{1,16}$/), { nil: undefined });

function timed<T>(run: () => T): T {
  const start = performance.now();
  const out = run();
  assert.ok(performance.now() - start < TIME_BOUND_MS, 'took too long');
  return out;
}

describe('vault properties (fast-check)', () => {
  it('decrypt(encrypt(x)) is x, with the label kept', () => {
    fc.assert(
      fc.property(plaintext, password, label, (text, pw, lbl) => {
        const vaulted = timed(() => encryptVault(text, pw, lbl === undefined ? {} : { label: lbl }));
        const r = timed(() => decryptVault(vaulted, [{ password: `${pw}-other` }, { password: pw }]));
        assert.ok(r.ok, r.ok ? '' : r.message);
        assert.equal(r.plaintext, Buffer.from(text, 'utf8').toString('utf8'));
        assert.equal(r.label, lbl === 'default' ? undefined : lbl);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('bytes round-trip exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), password, (bytes, pw) => {
        const r = decryptVault(encryptVault(bytes, pw), [{ password: pw }]);
        assert.ok(r.ok);
        assert.deepEqual(new Uint8Array(r.bytes), bytes);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('another password fails with VAULT_HMAC and says nothing of the plaintext', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 60 }), password, password, (text, pw, other) => {
        fc.pre(pw !== other);
        const r = decryptVault(encryptVault(text, pw), [{ password: other }]);
        assert.ok(!r.ok);
        assert.equal(r.code, 'VAULT_HMAC');
        assert.ok(!r.message.includes(text));
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('any one changed body character is refused, or (a hex case change) decrypts to the same text', () => {
    const vaulted = encryptVault('db_password: hunter2\n', 'pw');
    const headerEnd = vaulted.indexOf('\n') + 1;
    fc.assert(
      fc.property(fc.nat({ max: vaulted.length - headerEnd - 2 }), fc.constantFrom(...'0123456789abcdefABCDEFxz \t;'), (i, ch) => {
        const at = headerEnd + i;
        fc.pre(vaulted[at] !== '\n' && vaulted[at] !== ch);
        const r = timed(() => decryptVault(vaulted.slice(0, at) + ch + vaulted.slice(at + 1), [{ password: 'pw' }]));
        if (r.ok) assert.equal(r.plaintext, 'db_password: hunter2\n');
        else assert.ok(r.code === 'VAULT_HMAC' || r.code === 'VAULT_FORMAT', r.code);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('arbitrary text after the header never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('$ANSIBLE_VAULT;1.1;AES256\n', '$ANSIBLE_VAULT;1.2;AES256;x\n', '$ANSIBLE_VAULT', ''), (body, header) => {
        const r = timed(() => decryptVault(header + body, [{ password: 'pw' }]));
        if (!r.ok) assert.match(r.code, /^VAULT_(FORMAT|HMAC)$/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

import assert from 'node:assert/strict';
import { decryptVault, encryptVault, isVaulted, type VaultPassword } from '../../../engine/vault/index.js';
import { DEFAULT_PW, fixture, PROD_PW, tamper, type Segment } from './support.js';

const DEFAULT: VaultPassword = { password: DEFAULT_PW };
const PROD: VaultPassword = { label: 'prod', password: PROD_PW };

describe('vault: files written by ansible-vault (static fixtures)', () => {
  const cases: { file: string; plain: string; passwords: VaultPassword[]; label?: string }[] = [
    { file: 'secrets-1.1.yml', plain: 'secrets.plain.yml', passwords: [DEFAULT] },
    { file: 'secrets-1.2-prod.yml', plain: 'secrets.plain.yml', passwords: [PROD], label: 'prod' },
    // The label is a hint: the right password is found among several, whatever its label.
    { file: 'secrets-1.2-prod.yml', plain: 'secrets.plain.yml', passwords: [DEFAULT, { password: PROD_PW }], label: 'prod' },
    { file: 'secrets-1.1.yml', plain: 'secrets.plain.yml', passwords: [PROD, DEFAULT] },
    { file: 'unicode-1.1.txt', plain: 'unicode.plain.txt', passwords: [DEFAULT] },
    { file: 'empty-1.1.txt', plain: '', passwords: [DEFAULT] },
  ];
  for (const c of cases) {
    it(`${c.file} with ${c.passwords.map((p) => p.label ?? 'default').join(', ')}`, () => {
      const r = decryptVault(fixture(c.file), c.passwords);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.equal(r.plaintext, c.plain === '' ? '' : fixture(c.plain));
      assert.equal(r.label, c.label);
    });
  }
});

describe('vault: wrong passwords and tampering give VAULT_HMAC and no plaintext', () => {
  const secretParts = ['emqx_admin', 'S3cure', '5432'];
  const cases: { title: string; text: () => string; passwords: VaultPassword[] }[] = [
    { title: 'wrong password', text: () => fixture('secrets-1.1.yml'), passwords: [{ password: 'wrong' }] },
    { title: 'the other fixture password', text: () => fixture('secrets-1.2-prod.yml'), passwords: [DEFAULT] },
    { title: 'password with a trailing newline', text: () => fixture('secrets-1.1.yml'), passwords: [{ password: `${DEFAULT_PW}\n` }] },
    ...(['salt', 'hmac', 'ciphertext'] as Segment[]).map((s) => ({
      title: `one hex character changed in the ${s}`,
      text: () => tamper(fixture('secrets-1.1.yml'), s),
      passwords: [DEFAULT],
    })),
  ];
  for (const c of cases) {
    it(c.title, () => {
      const r = decryptVault(c.text(), c.passwords);
      assert.equal(r.ok, false);
      assert.ok(!r.ok);
      assert.equal(r.code, 'VAULT_HMAC');
      assert.ok(!('plaintext' in r) && !('bytes' in r));
      for (const s of secretParts) assert.ok(!r.message.includes(s), r.message);
      assert.match(r.message, /did not match.*HMAC/);
    });
  }
});

describe('vault: malformed input gives VAULT_FORMAT with the reason', () => {
  const good = (): string => fixture('secrets-1.1.yml');
  const cases: [title: string, text: () => string, message: RegExp][] = [
    ['plain YAML', () => 'a: 1\n', /not vault data/],
    ['header only', () => '$ANSIBLE_VAULT;1.1;AES256\n', /expected salt, HMAC and ciphertext/],
    ['version 1.0', () => good().replace(';1.1;', ';1.0;'), /unsupported vault format version '1.0'/],
    ['another cipher', () => good().replace('AES256', 'AES'), /unsupported vault cipher 'AES'/],
    ['a non-hex character', () => good().replace(/\n(.)/, '\nz'), /not hexadecimal/],
    ['an odd number of digits', () => good().trimEnd().slice(0, -1), /odd number of hex digits/],
    ['truncated to half', () => good().slice(0, Math.floor(good().length / 2)), /malformed vault/],
    ['too many header fields', () => good().replace('AES256', 'AES256;a;b'), /too many fields/],
  ];
  for (const [title, text, message] of cases) {
    it(title, () => {
      const r = decryptVault(text(), [DEFAULT]);
      assert.ok(!r.ok);
      assert.equal(r.code, 'VAULT_FORMAT');
      assert.match(r.message, message);
    });
  }

  it('no password at all is VAULT_NO_PASSWORD, naming the vault id', () => {
    const r = decryptVault(fixture('secrets-1.2-prod.yml'), []);
    assert.ok(!r.ok);
    assert.equal(r.code, 'VAULT_NO_PASSWORD');
    assert.match(r.message, /vault id 'prod'/);
  });
});

describe('vault: writing', () => {
  const cases: [title: string, label: string | undefined, header: string][] = [
    ['no label writes 1.1', undefined, '$ANSIBLE_VAULT;1.1;AES256'],
    ["label 'default' writes 1.1, as ansible-vault does", 'default', '$ANSIBLE_VAULT;1.1;AES256'],
    ['a label writes 1.2 with it', 'prod', '$ANSIBLE_VAULT;1.2;AES256;prod'],
  ];
  for (const [title, label, header] of cases) {
    it(title, () => {
      const text = encryptVault('x'.repeat(300), 'pw', label === undefined ? {} : { label });
      const lines = text.split('\n');
      assert.equal(lines[0], header);
      assert.equal(lines.at(-1), '', 'ends with a newline');
      assert.ok(lines.slice(1, -2).every((l) => l.length === 80), 'body wrapped at 80 columns');
      assert.ok(lines.slice(1, -1).every((l) => /^[0-9a-f]{1,80}$/.test(l)));
    });
  }

  it('the same input never gives the same file twice (random salt)', () => {
    assert.notEqual(encryptVault('same', 'pw'), encryptVault('same', 'pw'));
  });

  const refused: [title: string, run: () => unknown][] = [
    ['an empty password', () => encryptVault('x', '')],
    ['a label with a semicolon', () => encryptVault('x', 'pw', { label: 'a;b' })],
    ['a label with whitespace', () => encryptVault('x', 'pw', { label: 'a b' })],
  ];
  for (const [title, run] of refused) it(`refuses ${title}`, () => assert.throws(run));
});

describe('vault: isVaulted', () => {
  const cases: [string, boolean][] = [
    ['$ANSIBLE_VAULT;1.1;AES256\n3132\n', true],
    ['$ANSIBLE_VAULT', true],
    [' $ANSIBLE_VAULT;1.1;AES256', false],
    ['---\n$ANSIBLE_VAULT', false],
    ['', false],
  ];
  for (const [text, expected] of cases) it(JSON.stringify(text), () => assert.equal(isVaulted(text), expected));
});

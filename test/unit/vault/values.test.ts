import assert from 'node:assert/strict';
import { parseYaml } from '../../../engine/source/yaml-file.js';
import { VaultText } from '../../../engine/source/yaml-schema.js';
import { decryptVaultedFile, decryptVaultValues, encryptVault, type VaultPassword } from '../../../engine/vault/index.js';
import { DEFAULT_PW, fixture, PROD_PW } from './support.js';

const BOTH: VaultPassword[] = [{ password: DEFAULT_PW }, { label: 'prod', password: PROD_PW }];

function loadInline(): unknown {
  const parsed = parseYaml('inline-vars.yml', fixture('inline-vars.yml'));
  assert.ok(parsed.ok);
  return parsed.file.value;
}

describe('vault: inline !vault values (decryptVaultValues)', () => {
  it('the YAML loader keeps !vault scalars as VaultText', () => {
    const v = loadInline() as Record<string, unknown>;
    assert.ok(v['db_password'] instanceof VaultText);
    assert.match((v['db_password']).ciphertext, /^\$ANSIBLE_VAULT;1\.1;AES256\n/);
  });

  it('decrypts every value of an ansible-vault encrypt_string file, nested ones too', () => {
    const r = decryptVaultValues(loadInline(), BOTH);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual(r.value, {
      app_name: 'emqx',
      db_password: 'S3cure!pass',
      tls_key: 'line one of a key\nline two of a key',
      users: [{ name: 'admin', password: 'admin-pw-123' }],
    });
    // Multi-line secrets are redacted line by line too, so a partial print is caught.
    assert.deepEqual(new Set(r.secrets), new Set(['S3cure!pass', 'line one of a key\nline two of a key', 'line one of a key', 'line two of a key', 'admin-pw-123']));
  });

  const failures: [title: string, passwords: VaultPassword[], code: string, where: RegExp][] = [
    ['no password', [], 'VAULT_NO_PASSWORD', /at db_password/],
    ['the prod password is missing', [{ password: DEFAULT_PW }], 'VAULT_HMAC', /at tls_key/],
    ['a wrong password', [{ password: 'nope' }], 'VAULT_HMAC', /at db_password/],
  ];
  for (const [title, passwords, code, where] of failures) {
    it(`fails with ${code} and the value's path when ${title}`, () => {
      const r = decryptVaultValues(loadInline(), passwords);
      assert.ok(!r.ok);
      assert.equal(r.code, code);
      assert.match(r.message, where);
      assert.ok(!/S3cure|admin-pw|line one/.test(r.message));
    });
  }

  it('reports the path of a nested value', () => {
    const r = decryptVaultValues({ users: [{ password: new VaultText('$ANSIBLE_VAULT;1.1;AES256\nzz\n') }] }, BOTH);
    assert.ok(!r.ok);
    assert.equal(r.code, 'VAULT_FORMAT');
    assert.deepEqual(r.path, ['users', 0, 'password']);
    assert.match(r.message, /^vault value at users\[0\]\.password: /);
  });

  it('walks Maps and keeps everything without vault values as it was (same objects)', () => {
    const secret = new VaultText(encryptVault('m-secret', 'pw'));
    const untouched = { a: [1, { b: 'c' }] };
    const inv = { hosts: new Map([['h1', { vars: { token: secret } }]]), other: untouched };
    const r = decryptVaultValues(inv, [{ password: 'pw' }]);
    assert.ok(r.ok);
    const out = r.value as typeof inv;
    assert.equal(out.hosts.get('h1')?.vars.token, 'm-secret');
    assert.equal(out.other, untouched);
    assert.equal(inv.hosts.get('h1')?.vars.token, secret, 'the input is not changed');
    const same = decryptVaultValues(untouched, []);
    assert.ok(same.ok && same.value === untouched && same.secrets.length === 0);
  });

  it('leaves class instances and functions alone and survives cycles', () => {
    class Origin {
      constructor(readonly file: string) {}
    }
    const origin = new Origin('x.yml');
    const cyclic: Record<string, unknown> = { origin, at: () => 1 };
    cyclic['self'] = cyclic;
    const r = decryptVaultValues(cyclic, []);
    assert.ok(r.ok);
    assert.equal((r.value as Record<string, unknown>)['origin'], origin);
  });
});

describe('vault: whole vaulted files (decryptVaultedFile)', () => {
  it('returns plain text untouched', () => {
    const r = decryptVaultedFile('a: 1\n', []);
    assert.deepEqual(r, { ok: true, text: 'a: 1\n', vaulted: false, secrets: [] });
  });

  const files: [file: string, passwords: VaultPassword[]][] = [
    ['secrets-1.1.yml', [{ password: DEFAULT_PW }]],
    ['secrets-1.2-prod.yml', BOTH],
  ];
  for (const [file, passwords] of files) {
    it(`${file}: the YAML text, and its string values as secrets`, () => {
      const r = decryptVaultedFile(fixture(file), passwords);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.equal(r.vaulted, true);
      assert.equal(r.text, fixture('secrets.plain.yml'));
      assert.deepEqual(new Set(r.secrets), new Set(['emqx_admin', 'S3cure!pass']));
    });
  }

  it('a wrong password is VAULT_HMAC', () => {
    const r = decryptVaultedFile(fixture('secrets-1.1.yml'), [{ password: PROD_PW }]);
    assert.ok(!r.ok);
    assert.equal(r.code, 'VAULT_HMAC');
  });
});

import assert from 'node:assert/strict';
import { formatDiagnostics } from '../../../engine/errors/format.js';
import { VaultText } from '../../../engine/source/yaml-schema.js';
import { encryptVault, parseVaultedYaml, type VaultPassword } from '../../../engine/vault/index.js';
import { DEFAULT_PW, fixture, PROD_PW } from './support.js';

const BOTH: VaultPassword[] = [{ password: DEFAULT_PW }, { label: 'prod', password: PROD_PW }];
const inlineIn = (yaml: string, value: string, pw: string): string =>
  yaml.replace('VALUE', `!vault |\n${encryptVault(value, pw).trimEnd().replace(/^/gm, '      ')}`);

describe('vault: parseVaultedYaml (the loader seam)', () => {
  const working: [title: string, text: () => string, value: unknown, secrets: string[]][] = [
    ['plain YAML is parsed as by parseYaml', () => 'a: 1\n', { a: 1 }, []],
    ['inline values from ansible-vault', () => fixture('inline-vars.yml'), {
      app_name: 'emqx',
      db_password: 'S3cure!pass',
      tls_key: 'line one of a key\nline two of a key',
      users: [{ name: 'admin', password: 'admin-pw-123' }],
    }, ['S3cure!pass', 'line one of a key\nline two of a key', 'line one of a key', 'line two of a key', 'admin-pw-123']],
    ['a whole vaulted file (1.2)', () => fixture('secrets-1.2-prod.yml'), { db_user: 'emqx_admin', db_password: 'S3cure!pass', db_port: 5432 }, ['emqx_admin', 'S3cure!pass']],
    ['a whole vaulted file holding an inline value', () => encryptVault(inlineIn('k:\n  inner: VALUE\n', 'nested-secret', DEFAULT_PW), PROD_PW), { k: { inner: 'nested-secret' } }, ['nested-secret']],
  ];
  for (const [title, text, value, secrets] of working) {
    it(title, () => {
      const r = parseVaultedYaml('vars.yml', text(), BOTH);
      assert.ok(r.ok, r.ok ? '' : formatDiagnostics(r.diagnostics));
      assert.deepEqual(r.file.value, value);
      assert.deepEqual(new Set(r.secrets), new Set(secrets));
    });
  }

  // [title, text, passwords, code, line:col or undefined, text that must not be printed]
  const failing: [string, () => string, VaultPassword[], string, string | undefined][] = [
    ['a whole file with the wrong password', () => fixture('secrets-1.1.yml'), [{ password: PROD_PW }], 'VAULT_HMAC', undefined],
    ['a whole file without a password', () => fixture('secrets-1.1.yml'), [], 'VAULT_NO_PASSWORD', undefined],
    ['an inline value with the wrong password: at the value', () => fixture('inline-vars.yml'), [{ password: PROD_PW }], 'VAULT_HMAC', '3:21'],
    ['a broken inline value', () => 'a: 1\nb: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  zz\n', BOTH, 'VAULT_FORMAT', '2:11'],
    ['a YAML error inside a vaulted file: located, but no excerpt', () => encryptVault('ok: 1\nbad: [S3cure\n', DEFAULT_PW), BOTH, 'YAML_', '3:1'],
  ];
  for (const [title, text, passwords, code, at] of failing) {
    it(title, () => {
      const r = parseVaultedYaml('vars.yml', text(), passwords);
      assert.ok(!r.ok);
      const shown = formatDiagnostics(r.diagnostics);
      assert.ok(r.diagnostics.some((d) => d.code.startsWith(code)), shown);
      if (at) assert.match(shown, new RegExp(`^vars\\.yml:${at}: error ${code}`), shown);
      else assert.match(shown, new RegExp(`^error ${code}: vars\\.yml: `), shown);
      assert.ok(!/S3cure|admin-pw|emqx_admin/.test(shown), shown);
    });
  }

  it('later errors in a vaulted file (schema checks) carry no excerpt either', () => {
    const r = parseVaultedYaml('vars.yml', fixture('secrets-1.1.yml'), BOTH);
    assert.ok(r.ok);
    const d = r.file.at(['db_password'], 'SCHEMA_TYPE', 'example');
    assert.equal(d.excerpt, undefined);
    assert.deepEqual(d.pos, { file: 'vars.yml', line: 3, col: 14 });
    assert.match(d.hint ?? '', /decrypted content/);
  });

  it('a file without vault data keeps its VaultText-free value object', () => {
    const r = parseVaultedYaml('x.yml', 'a: [1, 2]\n', []);
    assert.ok(r.ok && !(r.file.value instanceof VaultText));
  });
});

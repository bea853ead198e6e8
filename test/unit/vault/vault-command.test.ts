import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vaultCommand } from '../../../engine/cli/vault-command.js';
import { parseYaml } from '../../../engine/source/yaml-file.js';
import { decryptVault, decryptVaultValues } from '../../../engine/vault/index.js';
import { captureIo } from '../../support/capture-io.js';
import { FIXTURES, fixture, PROD_PW, tamper, tempDir } from './support.js';

const STACK = /\n\s+at .+:\d+:\d+/;
const PLAIN = 'db_password: hunter2-long\n';

function setup(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'pw'), 'file-password\n');
  writeFileSync(join(dir, 'pw2'), 'second-password\n');
  writeFileSync(join(dir, 'plain.yml'), PLAIN);
  copyFileSync(join(FIXTURES, 'secrets-1.2-prod.yml'), join(dir, 'prod.yml'));
  copyFileSync(join(FIXTURES, 'prod.password'), join(dir, 'prod.password'));
  writeFileSync(join(dir, 'editor'), '#!/bin/sh\nprintf "created: true\\n" > "$1"\n', { mode: 0o700 });
  return dir;
}

async function cli(dir: string, argv: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) {
  const io = captureIo(dir, opts.env ?? {});
  const code = await vaultCommand(argv, io, () => Promise.resolve(Buffer.from(opts.stdin ?? '')));
  const { out, err } = io.text();
  assert.doesNotMatch(out + err, STACK, 'no stack trace');
  return { code, out, err };
}

const read = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8');
const open = (text: string, password: string): string => {
  const r = decryptVault(text, [{ password }]);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.plaintext;
};

describe('cli: deckhand vault (working)', () => {
  const cases: { title: string; argv: string[]; stdin?: string; env?: (dir: string) => Record<string, string>; check(dir: string, out: string, err: string): void }[] = [
    {
      title: 'encrypt in place keeps the file mode; 1.1 for a password file',
      argv: ['encrypt', '--vault-password-file', 'pw', 'plain.yml'],
      check: (dir, _out, err) => {
        assert.match(read(dir, 'plain.yml'), /^\$ANSIBLE_VAULT;1\.1;AES256\n/);
        assert.equal(open(read(dir, 'plain.yml'), 'file-password'), PLAIN);
        assert.equal(statSync(join(dir, 'plain.yml')).mode & 0o777, 0o640);
        assert.match(err, /Encryption successful/);
      },
    },
    {
      title: 'encrypt with --vault-id writes 1.2 with the label',
      argv: ['encrypt', '--vault-id', 'prod@pw', 'plain.yml'],
      check: (dir) => assert.match(read(dir, 'plain.yml'), /^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/),
    },
    {
      title: 'encrypt with several passwords and --encrypt-vault-id',
      argv: ['encrypt', '--vault-id', 'a@pw', '--vault-id', 'b@pw2', '--encrypt-vault-id', 'b', 'plain.yml', '--output', 'out.yml'],
      check: (dir) => {
        assert.equal(open(read(dir, 'out.yml'), 'second-password'), PLAIN);
        assert.equal(read(dir, 'plain.yml'), PLAIN, 'the input stays');
      },
    },
    {
      title: 'encrypt stdin to stdout',
      argv: ['encrypt', '--vault-password-file', 'pw'],
      stdin: 'from stdin',
      check: (_dir, out) => assert.equal(open(out, 'file-password'), 'from stdin'),
    },
    {
      title: 'view an ansible-vault 1.2 file',
      argv: ['view', '--vault-id', 'prod@prod.password', 'prod.yml'],
      check: (_dir, out) => assert.equal(out, fixture('secrets.plain.yml')),
    },
    {
      title: 'decrypt in place',
      argv: ['decrypt', '--vault-id', 'prod@prod.password', 'prod.yml'],
      check: (dir) => assert.equal(read(dir, 'prod.yml'), fixture('secrets.plain.yml')),
    },
    {
      title: 'decrypt to stdout with --output -',
      argv: ['decrypt', '--vault-password-file', 'prod.password', 'prod.yml', '--output', '-'],
      check: (dir, out) => {
        assert.equal(out, fixture('secrets.plain.yml'));
        assert.match(read(dir, 'prod.yml'), /^\$ANSIBLE_VAULT/);
      },
    },
    {
      title: 'a password file from ANSIBLE_VAULT_PASSWORD_FILE',
      argv: ['view', 'prod.yml'],
      env: () => ({ ANSIBLE_VAULT_PASSWORD_FILE: 'prod.password' }),
      check: (_dir, out) => assert.equal(out, fixture('secrets.plain.yml')),
    },
    {
      title: 'encrypt-string with names gives loadable !vault values',
      argv: ['encrypt-string', '--vault-password-file', 'pw', '-n', 'one', 'first secret', '-n', 'two', 'second secret'],
      check: (_dir, out) => {
        assert.match(out, /^one: !vault \|\n {10}\$ANSIBLE_VAULT;1\.1;AES256\n/);
        const y = parseYaml('s.yml', out);
        assert.ok(y.ok);
        const r = decryptVaultValues(y.file.value, [{ password: 'file-password' }]);
        assert.ok(r.ok);
        assert.deepEqual(r.value, { one: 'first secret', two: 'second secret' });
      },
    },
    {
      title: 'encrypt-string from stdin with --stdin-name keeps the input exactly',
      argv: ['encrypt_string', '--vault-id', 'dev@pw', '--stdin-name', 'token'],
      stdin: 'abc\n',
      check: (_dir, out) => {
        const y = parseYaml('s.yml', out);
        assert.ok(y.ok);
        const r = decryptVaultValues(y.file.value, [{ label: 'dev', password: 'file-password' }]);
        assert.ok(r.ok);
        assert.deepEqual(r.value, { token: 'abc\n' });
      },
    },
    {
      title: 'rekey to a new labelled password',
      argv: ['rekey', '--vault-id', 'prod@prod.password', '--new-vault-id', 'next@pw2', 'prod.yml'],
      check: (dir) => {
        const text = read(dir, 'prod.yml');
        assert.match(text, /^\$ANSIBLE_VAULT;1\.2;AES256;next\n/);
        assert.equal(open(text, 'second-password'), fixture('secrets.plain.yml'));
        assert.equal(decryptVault(text, [{ password: PROD_PW }]).ok, false);
      },
    },
    {
      title: 'create with $EDITOR',
      argv: ['create', '--vault-password-file', 'pw', 'new.yml'],
      env: (dir) => ({ EDITOR: join(dir, 'editor') }),
      check: (dir) => assert.equal(open(read(dir, 'new.yml'), 'file-password'), 'created: true\n'),
    },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      const dir = setup();
      chmodSync(join(dir, 'plain.yml'), 0o640);
      const env = c.env?.(dir);
      const r = await cli(dir, c.argv, { ...(c.stdin === undefined ? {} : { stdin: c.stdin }), ...(env ? { env } : {}) });
      assert.equal(r.code, 0, r.err);
      c.check(dir, r.out, r.err);
    });
  }

  it('--help', async () => {
    const r = await cli(setup(), ['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /encrypt-string/);
  });
});

describe('cli: deckhand vault (refusing)', () => {
  // [title, argv, exit code, stderr pattern]; every file must be unchanged afterwards.
  const cases: [string, string[], number, RegExp][] = [
    ['no action', [], 5, /missing ACTION/],
    ['an unknown action', ['frobnicate'], 5, /unknown action 'frobnicate'/],
    ['an unknown option', ['view', '--bogus', 'prod.yml'], 5, /Unknown option '--bogus'/],
    ['no password', ['view', 'prod.yml'], 5, /a vault password is needed/],
    ['--output with two files', ['encrypt', '--vault-password-file', 'pw', 'a', 'b', '--output', 'x'], 5, /single input file/],
    ['--name outside encrypt-string', ['decrypt', '--vault-password-file', 'pw', '-n', 'x', 'prod.yml'], 5, /are for encrypt-string/],
    ['several passwords to encrypt with', ['encrypt', '--vault-id', 'a@pw', '--vault-id', 'b@pw2', 'plain.yml'], 5, /choose one with --encrypt-vault-id/],
    ['an unknown --encrypt-vault-id', ['encrypt', '--vault-id', 'a@pw', '--encrypt-vault-id', 'zz', 'plain.yml'], 5, /'zz' names no given vault id/],
    ['names and strings that do not pair', ['encrypt-string', '--vault-password-file', 'pw', '-n', 'a', '-n', 'b', 'only-one'], 5, /2 --name options for 1 strings/],
    ['a wrong password', ['view', '--vault-password-file', 'pw', 'prod.yml'], 1, /prod\.yml: decryption failed: .*HMAC/],
    ['a tampered file', ['decrypt', '--vault-id', 'prod@prod.password', 'tampered.yml'], 1, /tampered\.yml: decryption failed/],
    ['decrypting plaintext', ['decrypt', '--vault-password-file', 'pw', 'plain.yml'], 1, /plain\.yml is not vault encrypted/],
    ['encrypting twice', ['encrypt', '--vault-password-file', 'pw', 'prod.yml'], 1, /prod\.yml is already vault encrypted/],
    ['a missing file', ['view', '--vault-password-file', 'pw', 'nope.yml'], 1, /cannot read nope\.yml: no such file/],
    ['a missing password file', ['view', '--vault-password-file', 'nope', 'prod.yml'], 1, /cannot read vault password file .*nope: no such file/],
    ['create over an existing file', ['create', '--vault-password-file', 'pw', 'plain.yml'], 1, /exists/],
  ];
  for (const [title, argv, code, message] of cases) {
    it(`${title} → exit ${code}`, async () => {
      const dir = setup();
      writeFileSync(join(dir, 'tampered.yml'), tamper(fixture('secrets-1.2-prod.yml'), 'ciphertext'));
      const before = ['plain.yml', 'prod.yml', 'tampered.yml'].map((f) => read(dir, f));
      const r = await cli(dir, argv);
      assert.equal(r.code, code, r.err);
      assert.match(r.err, message);
      assert.equal(r.out, '');
      assert.ok(!/emqx_admin|S3cure|hunter2/.test(r.err), 'no plaintext in the message');
      assert.deepEqual(['plain.yml', 'prod.yml', 'tampered.yml'].map((f) => read(dir, f)), before);
    });
  }
});

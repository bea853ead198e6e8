// Both directions against Debian's ansible-vault: what it writes, deckhand reads; what deckhand
// writes, it reads. The static fixtures (vault.test.ts) cover reading without Ansible installed.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { vaultCommand } from '../../../engine/cli/vault-command.js';
import { parseYaml } from '../../../engine/source/yaml-file.js';
import { decryptVault, decryptVaultValues, encryptVault } from '../../../engine/vault/index.js';
import { captureIo } from '../../support/capture-io.js';
import { tempDir } from '../../unit/vault/support.js';
import { requireSystem } from '../../support/require-system.js';

const PW = 'interop password ✓';
const LAB_PW = 'lab-only';
const ENV = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false' };

const PLAINTEXTS: [title: string, text: string][] = [
  ['a vars file', 'db_user: admin\ndb_password: "p@ss:word"\n'],
  ['UTF-8 without a final newline', 'Grüße 世界'],
  ['several AES blocks and body lines', 'line of text\n'.repeat(64)],
  ['exactly one block (a full padding block follows)', '0123456789abcdef'],
];

describe('vault: interoperability with ansible-vault', function () {
  let dir = '';
  const run = (args: string[]) => execa('ansible-vault', args, { cwd: dir, env: ENV, stripFinalNewline: false });

  before(function () {
    requireSystem(this, 'ansible-vault');
    dir = tempDir();
    writeFileSync(join(dir, 'pw'), `${PW}\n`);
    writeFileSync(join(dir, 'lab-pw'), `${LAB_PW}\n`);
  });

  describe('ansible-vault writes, deckhand reads', () => {
    const ids: [title: string, args: string[], label: string | undefined][] = [
      ['1.1 (--vault-password-file)', ['--vault-password-file', 'pw'], undefined],
      ['1.2 with a label (--vault-id lab@FILE)', ['--vault-id', 'lab@lab-pw'], 'lab'],
    ];
    for (const [title, args, label] of ids) {
      for (const [what, plain] of PLAINTEXTS) {
        it(`${title}: ${what}`, async () => {
          const file = join(dir, 'in.txt');
          writeFileSync(file, plain);
          await run(['encrypt', ...args, 'in.txt']);
          const r = decryptVault(readFileSync(file, 'utf8'), [{ password: PW }, { label: 'lab', password: LAB_PW }]);
          assert.ok(r.ok, r.ok ? '' : r.message);
          assert.equal(r.plaintext, plain);
          assert.equal(r.label, label);
        });
      }
    }

    it('inline `!vault |` values from encrypt_string in a YAML vars file', async () => {
      const a = await run(['encrypt_string', '--vault-password-file', 'pw', '--name', 'db_password', 's3cr3t value']);
      const b = await run(['encrypt_string', '--vault-id', 'lab@lab-pw', '--name', 'token', 'abcdef.0123456789abcdef']);
      const yaml = `plain: 1\n${a.stdout}\nnested:\n  - ${b.stdout.replace(/\n/g, '\n    ')}\n`;
      const parsed = parseYaml('vars.yml', yaml);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.diagnostics.map((d) => d.message).join('\n'));
      const r = decryptVaultValues(parsed.file.value, [{ password: PW }, { label: 'lab', password: LAB_PW }]);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.deepEqual(r.value, { plain: 1, db_password: 's3cr3t value', nested: [{ token: 'abcdef.0123456789abcdef' }] });
      assert.deepEqual(new Set(r.secrets), new Set(['s3cr3t value', 'abcdef.0123456789abcdef']));
    });
  });

  describe('deckhand writes, ansible-vault reads', () => {
    const ids: [title: string, label: string | undefined, args: string[]][] = [
      ['1.1', undefined, ['--vault-password-file', 'pw']],
      ['1.2 with a label', 'lab', ['--vault-id', 'lab@lab-pw']],
    ];
    for (const [title, label, args] of ids) {
      for (const [what, plain] of PLAINTEXTS) {
        it(`${title}: ${what}`, async () => {
          const password = label === undefined ? PW : LAB_PW;
          writeFileSync(join(dir, 'ours.vault'), encryptVault(plain, password, label === undefined ? {} : { label }));
          assert.equal((await run(['decrypt', ...args, '--output', '-', 'ours.vault'])).stdout, plain);
        });
      }
    }

    it('`deckhand vault encrypt-string` output is read by ansible as the variable', async () => {
      const io = captureIo(dir);
      const code = await vaultCommand(['encrypt-string', '--vault-password-file', 'pw', '--name', 'join_token', 'abcdef.0123456789abcdef'], io);
      assert.equal(code, 0, io.text().err);
      writeFileSync(join(dir, 'vars.yml'), io.text().out);
      const r = await execa('ansible', ['localhost', '-c', 'local', '-m', 'debug', '-a', 'var=join_token', '-e', '@vars.yml', '--vault-password-file', 'pw'], { cwd: dir, env: ENV });
      assert.match(r.stdout, /"join_token": "abcdef\.0123456789abcdef"/);
    });

    it('ansible-vault refuses a deckhand file with the wrong password', async () => {
      writeFileSync(join(dir, 'ours.vault'), encryptVault('x: 1\n', 'not the password'));
      const r = await run(['view', '--vault-password-file', 'pw', 'ours.vault']).catch((e: unknown) => e);
      assert.ok(r instanceof Error && /Decryption failed/.test(r.message));
    });
  });
});

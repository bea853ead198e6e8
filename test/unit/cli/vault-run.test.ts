// Vaulted variables in a run: decrypted with the password file, redacted from every output.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../engine/cli/main.js';
import { encryptVault } from '../../../engine/vault/index.js';
import { captureIo } from '../../support/capture-io.js';

const SECRET = 'TopSecretValue42';

function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-vault-run-'));
  writeFileSync(join(dir, 'pass'), 'pw123456\n');
  const inline = encryptVault(SECRET, 'pw123456').split('\n').map((l) => `  ${l}`).join('\n');
  writeFileSync(join(dir, 'vars.yml'), `secret_value: !vault |\n${inline}\n`);
  writeFileSync(join(dir, 'whole.yml'), encryptVault(`other_secret: ${SECRET}-2\n`, 'pw123456'));
  writeFileSync(
    join(dir, 'pb.yml'),
    `- hosts: localhost
  gather_facts: false
  vars_files: [vars.yml, whole.yml]
  tasks:
    - debug: { msg: "the secret is {{ secret_value }} and {{ other_secret }}" }
    - assert: { that: ["secret_value == '${SECRET}'", "other_secret == '${SECRET}-2'"] }
`,
  );
  return dir;
}

describe('cli: vaulted variables in a run', function () {
  this.timeout(30_000);
  it('decrypts inline and whole-file vaults and never prints the plaintext', async () => {
    const dir = setup();
    const io = captureIo(dir);
    const report = join(dir, 'report.json');
    const code = await main(['run', 'pb.yml', '--vault-password-file', 'pass', '-vvv', '--report', report], io);
    const { out, err } = io.text();
    assert.equal(code, 0, out + err);
    assert.match(out, /the secret is \*{8} and \*{8}/);
    for (const text of [out, err, readFileSync(report, 'utf8')]) assert.ok(!text.includes(SECRET), 'plaintext leaked');
  });

  it('without a password: a located error and exit 3', async () => {
    const dir = setup();
    const io = captureIo(dir);
    const code = await main(['run', 'pb.yml', '--syntax-check'], io);
    assert.equal(code, 3);
    assert.match(io.text().err, /vars\.yml:1:22: error VAULT_NO_PASSWORD/);
  });

  it('a wrong password: exit 3, no plaintext', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'wrong'), 'nope\n');
    const io = captureIo(dir);
    const code = await main(['run', 'pb.yml', '--vault-password-file', 'wrong'], io);
    assert.equal(code, 3);
    assert.match(io.text().err, /VAULT_HMAC/);
    assert.ok(!io.text().err.includes(SECRET));
  });
});

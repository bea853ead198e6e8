// Secrets never reach a host's process list: every command deckhand sends over SSH is recorded
// on the host by a login shell that logs its `-c` argument, then the log is searched. Vault
// values, a sudo password and a kubeadm-shaped token travel through files and stdin only.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { encryptVault } from '../../../engine/vault/index.js';
import { useLab } from '../../support/lab-fixture.js';
import { runPlaybook } from './run-deckhand.js';

const VAULT_SECRET = 'Vaulted-Secret-7c1e';
const SUDO_PASSWORD = 'Sudo-Pass-5b2d';
const TOKEN = 'abcdef.0123456789abcdef';
const CONTROL = 'control-marker-91f3';
// Each user logs in its own home: a shared log file would be refused across users.
const LOG = '.deckhand-exec.log';

const AUDIT_SHELL = `#!/bin/sh
# Login shell for the test: record the command sshd was asked to run, then run it.
printf '%s\\n' "$2" >> "$HOME/${LOG}"
exec /bin/sh "$@"
`;

describe('secrets stay out of remote command lines', function () {
  const lab = useLab(this, { tag: 'sa', hosts: 1 });
  let inventory = '';

  const ssh = async (command: string): Promise<string> => {
    const info = lab.info();
    const addr = info.hosts[0]?.address ?? '';
    const r = await execa('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${info.knownHostsPath}`, '-i', info.privateKeyPath, `root@${addr}`, command], { timeout: 20_000 });
    return r.stdout;
  };
  const remoteLog = (): Promise<string> => ssh(`cat ~deploy/${LOG} /root/${LOG}`);

  before(async () => {
    const info = lab.info();
    // A sudo user with a password, and the auditing login shell for root and that user.
    const setup = await runPlaybook(
      `- hosts: master
  gather_facts: false
  tasks:
    - copy: { dest: /usr/local/bin/audit-sh, mode: "0755", content: ${JSON.stringify(AUDIT_SHELL)} }
    - command: useradd -m -s /usr/local/bin/audit-sh deploy
    - shell: echo 'deploy:${SUDO_PASSWORD}' | chpasswd
    - copy: { dest: /etc/sudoers.d/deploy, mode: "0440", content: "deploy ALL=(ALL) ALL\\n" }
    - shell: install -d -o deploy -m 0700 ~deploy/.ssh && install -o deploy -m 0600 /root/.ssh/authorized_keys ~deploy/.ssh/
    - command: usermod -s /usr/local/bin/audit-sh root
`,
      info.inventoryPath,
    );
    assert.equal(setup.code, 0, setup.out + setup.err);
    const inv = parse(readFileSync(info.inventoryPath, 'utf8')) as { all: { vars: Record<string, unknown>; children: { master: { hosts: Record<string, Record<string, unknown>> } } } };
    const m = inv.all.children.master.hosts['master'];
    assert.ok(m);
    Object.assign(m, { ansible_user: 'deploy', ansible_become: true, ansible_become_password: SUDO_PASSWORD });
    const inline = encryptVault(VAULT_SECRET, 'vault-pw').split('\n').map((l) => `  ${l}`).join('\n');
    inventory = `${info.stateDir}/audit.yml`;
    writeFileSync(inventory, stringify(inv));
    writeFileSync(`${info.stateDir}/vault-pass`, 'vault-pw\n');
    writeFileSync(`${info.stateDir}/secret-vars.yml`, `vault_secret: !vault |\n${inline}\njoin_token: ${TOKEN}\n`);
  });

  it('a run with vault values, become with a password and a token never puts them in argv', async () => {
    const info = lab.info();
    const r = await runPlaybook(
      `- hosts: master
  gather_facts: true
  vars_files: [${info.stateDir}/secret-vars.yml]
  tasks:
    - name: a control command, to prove the log records what deckhand runs
      command: /bin/echo ${CONTROL}
      changed_when: false
    - copy: { content: "password={{ vault_secret }}\\n", dest: /root/app.conf, mode: "0600" }
    - copy: { content: "token={{ join_token }}\\n", dest: /root/join.conf, mode: "0600" }
      no_log: true
    - template: { src: secret.hbs, dest: /root/templated.conf }
    - lineinfile: { path: /root/app.conf, line: "again={{ vault_secret }}" }
    - set_fact: { copied: "{{ vault_secret }}" }
    - stat: { path: /root/app.conf }
`,
      inventory,
      ['--vault-password-file', `${info.stateDir}/vault-pass`, '-vvvv'],
      { 'secret.hbs': 'secret={{vault_secret}}\n' },
    );
    assert.equal(r.code, 0, r.out + r.err);
    const log = await remoteLog();
    assert.ok(log.includes(CONTROL), `the log records the commands deckhand runs:\n${log.slice(0, 2000)}`);
    assert.ok(log.split('\n').length > 10, 'many commands were recorded');
    assert.match(log, /sudo -H -S /, 'become asked sudo for a password (sent on stdin)');
    for (const secret of [VAULT_SECRET, SUDO_PASSWORD, TOKEN]) assert.ok(!log.includes(secret), `${secret} reached a command line`);
    // And the files did get the secrets: they went through stdin.
    const conf = await ssh(`cat /root/app.conf /root/join.conf /root/templated.conf`);
    assert.ok(conf.includes(VAULT_SECRET) && conf.includes(TOKEN));
    for (const secret of [VAULT_SECRET, SUDO_PASSWORD, TOKEN]) assert.ok(!(r.out + r.err).includes(secret), `${secret} reached the output`);
  });
});

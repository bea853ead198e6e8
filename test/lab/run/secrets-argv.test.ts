// Secrets never reach a host's process list: every command deckhand sends over SSH is recorded
// on the host by a login shell that logs its `-c` argument, then the log is searched. Vault
// values, a sudo password and a kubeadm-shaped token travel through files and stdin only, and
// so do `environment:` values (sampled from /proc/*/cmdline while such a task runs, too).
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
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
// Every awkward kind of byte at once, around parts distinctive enough to search for.
const ENV_SECRET = `Env-Secret-2a4d 'q' "dq" $HOME \\ \`id\` =x=\n  Second-Line-6b1e é€ \n`;
const ENV_SECRET_PARTS = ['Env-Secret-2a4d', 'Second-Line-6b1e'];
// The sampler finds the running task by this; written [r]unning in the sampler so it never finds itself.
const RUNNING = 'env-task-running-83c5';
// Each user logs in its own home: a shared log file would be refused across users.
const LOG = '.deckhand-exec.log';

const AUDIT_SHELL = `#!/bin/sh
# Login shell for the test: record the command sshd was asked to run, then run it.
printf '%s\\n' "$2" >> "$HOME/${LOG}"
exec /bin/sh "$@"
`;

describe('secrets stay out of remote command lines', function () {
  // Its own lab: it makes root's login shell an auditing one and adds a sudo user.
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
    const envInline = encryptVault(ENV_SECRET, 'vault-pw').split('\n').map((l) => `  ${l}`).join('\n');
    writeFileSync(`${info.stateDir}/secret-vars.yml`, `vault_secret: !vault |\n${inline}\nenv_secret: !vault |\n${envInline}\njoin_token: ${TOKEN}\n`);
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

  it('vaulted values in environment: reach the program on stdin, never an argv or the process list', async function () {
    this.timeout(120_000);
    const info = lab.info();
    const run = runPlaybook(
      `- hosts: master
  gather_facts: false
  vars_files: [${info.stateDir}/secret-vars.yml]
  tasks:
    - name: environment with vaulted values, as root through sudo -S
      shell: |
        printf %s "$SECRET_X" | sha256sum > /root/env-x.sha
        printf %s "$SECRET_Y" | sha256sum > /root/env-y.sha
        sleep 4 # ${RUNNING}
      environment: { SECRET_X: "{{ vault_secret }}", SECRET_Y: "{{ env_secret }}" }
    - name: the same without become
      shell: printf %s "$SECRET_Y" | sha256sum > ~/env-y.sha
      environment: { SECRET_Y: "{{ env_secret }}" }
      become: false
`,
      inventory,
      ['--vault-password-file', `${info.stateDir}/vault-pass`, '-vvvv'],
    );
    // Meanwhile on the host: wait (bounded) for the task, then read every process's argv a few times.
    const pattern = RUNNING.replace('r', '[r]');
    const sampled = await ssh(`i=0; until grep -qs '${pattern}' /proc/[0-9]*/cmdline; do i=$((i+1)); [ $i -lt 300 ] || exit 0; sleep 0.05; done
for n in 1 2 3 4 5; do for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < "$f" 2>/dev/null; echo; done; sleep 0.2; done`);
    const r = await run;
    assert.equal(r.code, 0, r.out + r.err);
    assert.ok(sampled.includes(RUNNING), 'the process list was read while the task ran');
    assert.match(sampled, /sudo -H -S /, 'sudo was running, its argv included');
    const log = await remoteLog();
    assert.match(log, /sh -c .*_dh_fail/, 'the environment wrapper ran');
    for (const part of [VAULT_SECRET, ...ENV_SECRET_PARTS]) {
      assert.ok(!log.includes(part), `${part} reached a command line`);
      assert.ok(!sampled.includes(part), `${part} was in the process list`);
      assert.ok(!(r.out + r.err).includes(part), `${part} reached the output`);
    }
    // And the program got each value exactly.
    const sha = (v: string) => createHash('sha256').update(v).digest('hex');
    const sums = (await ssh('cat /root/env-x.sha /root/env-y.sha ~deploy/env-y.sha')).split('\n').map((l) => l.split(' ')[0]);
    assert.deepEqual(sums, [sha(VAULT_SECRET), sha(ENV_SECRET), sha(ENV_SECRET)]);
  });
});

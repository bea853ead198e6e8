// Every host module over real SSH on a lab host: check mode predicts the change and changes
// nothing; the first run changes; the second run changes nothing; --diff shows file edits.
import { strict as assert } from 'node:assert';
import { useSharedLab } from '../../support/lab-fixture.js';
import { runPlaybook } from './run-deckhand.js';

interface Case {
  readonly name: string;
  /** Tasks that set the stage (run once, not counted). */
  readonly setup?: string;
  /** A task run right before this case (not counted), after the cases before it. */
  readonly pre?: string;
  /** The task under test, as YAML at task-list indentation. */
  readonly task: string;
  /** A shell command whose output must differ after the real run (proves check mode changed nothing). */
  readonly probe: string;
  readonly diff?: RegExp;
}

const cases: Case[] = [
  { name: 'file: directory', task: 'file: { path: /srv/m/dir, state: directory, mode: "0750" }', probe: 'stat -c %a /srv/m/dir 2>&1' },
  { name: 'copy: content', task: 'copy: { content: "a=1\\n", dest: /srv/m/copy.conf, mode: "0640" }', probe: 'cat /srv/m/copy.conf 2>&1', diff: /\+a=1/ },
  { name: 'lineinfile', setup: 'copy: { content: "x=1\\n", dest: /srv/m/line.conf }', task: 'lineinfile: { path: /srv/m/line.conf, regexp: "^x=", line: "x=2" }', probe: 'cat /srv/m/line.conf', diff: /-x=1\n\+x=2/ },
  { name: 'blockinfile', task: 'blockinfile: { path: /srv/m/block.conf, create: true, block: "one\\ntwo" }', probe: 'cat /srv/m/block.conf 2>&1', diff: /\+one/ },
  { name: 'replace', setup: 'copy: { content: "/swap.img none swap sw 0 0\\n", dest: /srv/m/fstab }', task: "replace: { path: /srv/m/fstab, regexp: '^([^#\\n]\\S*\\s+\\S+\\s+swap\\s.*)$', replace: '# \\1' }", probe: 'cat /srv/m/fstab', diff: /\+# \/swap\.img/ },
  { name: 'command with creates', task: 'command: { cmd: touch /srv/m/created, creates: /srv/m/created }', probe: 'ls /srv/m/created 2>&1' },
  { name: 'shell with removes', setup: 'copy: { content: "", dest: /srv/m/removeme }', task: 'shell: { cmd: "rm /srv/m/removeme && echo gone", removes: /srv/m/removeme }', probe: 'ls /srv/m/removeme 2>&1' },
  { name: 'sysctl (network namespace key)', task: 'sysctl: { name: net.ipv4.ip_forward, value: "1", sysctl_file: /etc/sysctl.d/99-test.conf, reload: true }', probe: 'cat /proc/sys/net/ipv4/ip_forward; cat /etc/sysctl.d/99-test.conf 2>&1' },
  { name: 'dpkg_selections hold', task: 'dpkg_selections: { name: openssh-server, selection: hold }', probe: 'dpkg --get-selections openssh-server' },
  { name: 'template', task: 'template: { src: app.conf.hbs, dest: /srv/m/app.conf, mode: "0600" }', probe: 'cat /srv/m/app.conf 2>&1', diff: /\+host=master/ },
  { name: 'get_url: the lab repository key', task: 'get_url: { url: "{{ lab_repo_url }}/docker/gpg", dest: /etc/apt/keyrings/docker.asc, mode: "0644" }', probe: 'sha256sum /etc/apt/keyrings/docker.asc 2>&1' },
  { name: 'deb822_repository with signed-by', task: 'deb822_repository: { name: docker, types: deb, uris: "{{ lab_repo_url }}/docker", suites: bookworm, components: stable, signed_by: /etc/apt/keyrings/docker.asc }', probe: 'cat /etc/apt/sources.list.d/docker.sources 2>&1' },
  { name: 'apt: install from the signed repository', pre: 'command: apt-get update', task: 'apt: { name: containerd.io, state: present }', probe: "dpkg-query -W -f '${Status}' containerd.io 2>&1" },
  { name: 'systemd: started and enabled', pre: 'systemd: { name: containerd, state: stopped, enabled: false }', task: 'systemd: { name: containerd, state: started, enabled: true }', probe: 'systemctl is-active containerd; systemctl is-enabled containerd' },
  { name: 'modprobe: persistent', task: 'modprobe: { name: br_netfilter, state: present, persistent: present }', probe: 'lsmod | grep -c br_netfilter; cat /etc/modules-load.d/br_netfilter.conf 2>&1' },
  { name: 'mount: swap entry absent from fstab', setup: 'copy: { content: "/swapfile none swap sw 0 0\\n", dest: /srv/m/fstab2 }', task: 'mount: { path: none, src: /swapfile, fstype: swap, state: absent, fstab: /srv/m/fstab2 }', probe: 'cat /srv/m/fstab2' },
];

/** Files beside every generated playbook. */
const FILES = { 'app.conf.hbs': 'host={{inventory_hostname}}\nmode=test\n' };

function playbook(tasks: string[], flags = ''): string {
  return `- hosts: master\n  gather_facts: false\n  tasks:\n${tasks.map((t) => `    - ${t}${flags}`).join('\n')}\n`;
}

describe('modules over real SSH on a lab host', function () {
  const lab = useSharedLab(this, 1);

  before(async () => {
    const setup = ['file: { path: /srv/m, state: directory }', ...cases.flatMap((c) => (c.setup ? [c.setup] : []))];
    const r = await runPlaybook(playbook(setup), lab.info().inventoryPath, [], FILES);
    assert.equal(r.code, 0, r.out + r.err);
  });

  const probe = async (cmd: string): Promise<string> => {
    const r = await runPlaybook(playbook([`shell: ${JSON.stringify(cmd)}\n      register: p\n      changed_when: false\n      failed_when: false`, 'debug: { var: p.stdout }']), lab.info().inventoryPath);
    const m = /"p\.stdout": ("(?:[^"\\]|\\.)*")/.exec(r.out);
    return m?.[1] ? (JSON.parse(m[1]) as string) : '';
  };

  for (const c of cases) {
    it(c.name, async () => {
      const inv = lab.info().inventoryPath;
      if (c.pre) assert.equal((await runPlaybook(playbook([c.pre]), inv)).code, 0, `pre-task of ${c.name}`);
      const before = await probe(c.probe);
      const check = await runPlaybook(playbook([c.task]), inv, ['--check', '--diff'], FILES);
      assert.equal(check.code, 0, check.out + check.err);
      assert.equal(check.stats['master']?.changed, 1, `check mode predicts a change:\n${check.out}`);
      assert.equal(await probe(c.probe), before, 'check mode changed nothing');
      if (c.diff) assert.match(check.out, c.diff, 'check --diff shows the change');
      const first = await runPlaybook(playbook([c.task]), inv, ['--diff'], FILES);
      assert.equal(first.code, 0, first.out + first.err);
      assert.equal(first.stats['master']?.changed, 1, `first run changes:\n${first.out}`);
      assert.notEqual(await probe(c.probe), before, 'the first run changed the host');
      if (c.diff) assert.match(first.out, c.diff, '--diff shows the change');
      const second = await runPlaybook(playbook([c.task]), inv, [], FILES);
      assert.equal(second.stats['master']?.changed, 0, `second run changes nothing:\n${second.out}`);
      const recheck = await runPlaybook(playbook([c.task]), inv, ['--check'], FILES);
      assert.equal(recheck.stats['master']?.changed, 0, 'check mode after the run predicts nothing');
    });
  }
});

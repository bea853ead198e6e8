// The namespace lab end to end: one 3-host lab for the whole file, checked
// over real SSH with strict host key checking, then torn down and checked
// for leftovers. Needs root; skips with the reason otherwise.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { bridgeName, netnsPrefix } from '../../lab/lab-names.js';
import { listLinks } from '../../lab/lab-network.js';
import { mountsUnder } from '../../lab/lab-down.js';
import { CLUSTER_MOUNT, LabError, labDown, labStatus, labUp, stateDirFor } from '../../lab/lab.js';
import type { LabInfo } from '../../lab/lab.js';
import { systemSkipReason } from '../support/require-system.js';

const NAME = `t${process.pid}`;
const LAYER_TEXT = 'shadowed by the lab tooling layer\n';
const SLEEP_MARKER = String(4000 + (process.pid % 1000));

/** Why this machine cannot run the file's lab: the lab's own needs, and the ssh client. */
const labSkipReason = (): string | undefined => systemSkipReason('lab', 'ssh');

async function writeTestLayer(dir: string): Promise<void> {
  // /etc/issue.net exists on the machine: the layer's copy must win in hosts.
  await mkdir(join(dir, 'etc'), { recursive: true });
  await writeFile(join(dir, 'etc', 'issue.net'), LAYER_TEXT);
}

async function writeTestRepo(dir: string): Promise<void> {
  await mkdir(join(dir, 'dists', 'lab'), { recursive: true });
  await writeFile(join(dir, 'dists', 'lab', 'Release'), 'Origin: deckhand-lab-test\n');
}

function sshArgs(lab: LabInfo, knownHosts = lab.knownHostsPath): string[] {
  return ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'ConnectTimeout=5', '-i', lab.privateKeyPath];
}

function addressOf(lab: LabInfo, host: string): string {
  const found = lab.hosts.find((h) => h.name === host);
  if (!found) throw new Error(`no host ${host}`);
  return found.address;
}

async function ssh(lab: LabInfo, host: string, command: string): Promise<string> {
  const result = await execa('ssh', [...sshArgs(lab), `root@${addressOf(lab, host)}`, command], { timeout: 20_000 });
  return result.stdout.trim();
}

/** Live (non-zombie) processes whose command line contains `text`. */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(text)) found.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return found;
}

describe('namespace lab (root)', function () {
  this.timeout(60_000);
  let lab: LabInfo;

  before(async function () {
    const reason = labSkipReason();
    if (reason) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    lab = await labUp({ name: NAME, hosts: 3, prepareLayer: writeTestLayer, prepareRepo: writeTestRepo, log: () => undefined });
  });

  after(async function () {
    if (!labSkipReason()) await labDown(NAME);
  });

  it('names hosts master, worker1, worker2 with their own addresses on the lab subnet', () => {
    assert.deepEqual(lab.hosts.map((h) => h.name), ['master', 'worker1', 'worker2']);
    assert.equal(new Set(lab.hosts.map((h) => h.address)).size, 3);
    const prefix = lab.gateway.split('.').slice(0, 3).join('.');
    for (const host of lab.hosts) assert.ok(host.address.startsWith(`${prefix}.`));
  });

  it('each host answers SSH with strict host key checking and reports its own hostname and address', async () => {
    for (const host of lab.hosts) {
      const out = await ssh(lab, host.name, 'hostname; ip -4 -o addr show dev eth0');
      const [hostname, addr] = out.split('\n');
      assert.equal(hostname, host.name);
      assert.match(addr ?? '', new RegExp(`inet ${host.address.replace(/\./g, '\\.')}/`));
    }
  });

  it('host key checking is really on: an unknown host is refused', async () => {
    const empty = join(lab.stateDir, 'empty_known_hosts');
    await writeFile(empty, '');
    const result = await execa('ssh', [...sshArgs(lab, empty), `root@${addressOf(lab, 'master')}`, 'true'], { reject: false, timeout: 20_000 });
    assert.notEqual(result.exitCode, 0);
    assert.match(result.stderr, /Host key verification failed/);
  });

  it('SFTP works (scp copies a file in)', async () => {
    const local = join(lab.stateDir, 'scp-probe.txt');
    await writeFile(local, 'over sftp\n');
    await execa('scp', [...sshArgs(lab), local, `root@${addressOf(lab, 'worker1')}:/root/scp-probe.txt`], { timeout: 20_000 });
    assert.equal(await ssh(lab, 'worker1', 'cat /root/scp-probe.txt'), 'over sftp');
  });

  it('writes on one host are invisible to the others and to the machine', async () => {
    const path = `/etc/deckhand-lab-probe-${process.pid}`;
    await ssh(lab, 'master', `echo only-master > ${path}`);
    assert.equal(await ssh(lab, 'master', `cat ${path}`), 'only-master');
    assert.equal(await ssh(lab, 'worker1', `test -e ${path} && echo present || echo absent`), 'absent');
    assert.equal(existsSync(path), false);
  });

  it('runs sshd as PID 1 of a private process tree', async () => {
    assert.equal(await ssh(lab, 'worker2', 'cat /proc/1/comm'), 'sshd');
    const count = Number(await ssh(lab, 'worker2', 'ls /proc | grep -c "^[0-9]"'));
    assert.ok(count < 15, `${count} processes visible`);
  });

  it('gives root a clean home: no ~/.bashrc, only .profile and .ssh', async () => {
    assert.equal(await ssh(lab, 'master', 'test -e ~/.bashrc && echo present || echo absent'), 'absent');
    assert.deepEqual((await ssh(lab, 'worker2', 'ls -A /root')).split('\n'), ['.profile', '.ssh']);
    assert.doesNotMatch(await ssh(lab, 'master', 'echo "$PATH"'), /pyenv/);
  });

  it('hides the machine\'s apt sources and package lists', async () => {
    assert.equal(await ssh(lab, 'master', 'wc -c < /etc/apt/sources.list; ls -A /etc/apt/sources.list.d | wc -l'), '0\n0');
    assert.equal(await ssh(lab, 'master', 'ls -A /var/lib/apt/lists'), 'partial');
  });

  it('lets the tooling layer shadow the machine\'s files', async () => {
    assert.equal(await ssh(lab, 'worker1', 'cat /etc/issue.net'), LAYER_TEXT.trim());
    assert.notEqual(await readFile('/etc/issue.net', 'utf8'), LAYER_TEXT);
  });

  it('shares the cluster state directory between hosts and the machine', async () => {
    await ssh(lab, 'worker1', `echo joined > ${CLUSTER_MOUNT}/worker1`);
    assert.equal(await ssh(lab, 'master', `cat ${CLUSTER_MOUNT}/worker1`), 'joined');
    assert.equal(await readFile(join(lab.stateDir, 'cluster', 'worker1'), 'utf8'), 'joined\n');
  });

  it('keeps the lab\'s own files (the controller key) out of hosts', async () => {
    assert.equal(await ssh(lab, 'master', `test -e ${lab.privateKeyPath} && echo present || echo absent`), 'absent');
  });

  it('hosts reach each other and the repository server, and nothing else', async () => {
    const banner = await ssh(lab, 'master', `timeout 5 bash -c 'exec 3<>/dev/tcp/${addressOf(lab, 'worker2')}/22; head -c 4 <&3'`);
    assert.equal(banner, 'SSH-');
    assert.equal(await ssh(lab, 'worker2', `curl -fsS ${lab.repoUrl}/dists/lab/Release`), 'Origin: deckhand-lab-test');
    assert.doesNotMatch(await ssh(lab, 'worker2', 'ip route'), /default/);
    assert.equal((await readFile(`/proc/sys/net/ipv4/conf/${bridgeName(NAME)}/forwarding`, 'utf8')).trim(), '0');
  });

  it('writes the inventory at a stable path', async () => {
    assert.equal(lab.inventoryPath, join(lab.stateDir, 'inventory.yml'));
    const text = await readFile(lab.inventoryPath, 'utf8');
    assert.match(text, new RegExp(`ansible_host: ${addressOf(lab, 'worker2').replace(/\./g, '\\.')}`));
    assert.match(text, /lab_repo_url: http:\/\//);
  });

  it('status shows every sshd and the repository server answering', async () => {
    const mine = (await labStatus()).find((l) => l.name === NAME);
    assert.ok(mine);
    assert.equal(mine.repoServer, true);
    assert.deepEqual(mine.hosts.map((h) => h.sshd), [true, true, true]);
  });

  it('refuses a second lab with the same name and leaves the first alone', async () => {
    await assert.rejects(labUp({ name: NAME, hosts: 1, log: () => undefined }), (e: unknown) => e instanceof LabError && e.code === 'EXISTS');
    assert.equal(await ssh(lab, 'master', 'hostname'), 'master');
  });

  it('down removes every namespace, link, mount, process and file; a second down is fine', async () => {
    // A daemon started over SSH must die with its host.
    await ssh(lab, 'worker2', `setsid sleep ${SLEEP_MARKER} </dev/null >/dev/null 2>&1 &`);
    assert.equal(processesMentioning(`sleep\0${SLEEP_MARKER}`).length, 1);

    await labDown(NAME);

    const { stdout } = await execa('ip', ['netns', 'list']);
    assert.equal(stdout.split('\n').filter((line) => line.startsWith(netnsPrefix(NAME))).length, 0);
    const links = await listLinks();
    assert.equal(links.includes(bridgeName(NAME)), false);
    assert.deepEqual(await mountsUnder(lab.stateDir), []);
    assert.equal(existsSync(lab.stateDir), false);
    assert.deepEqual(processesMentioning(lab.stateDir), []);
    assert.deepEqual(processesMentioning(`sleep\0${SLEEP_MARKER}`), []);
    assert.equal((await labStatus()).some((l) => l.name === NAME), false);

    await labDown(NAME);
  });
});

describe('namespace lab start failure (root)', function () {
  this.timeout(60_000);
  const name = `f${process.pid}`;

  before(function () {
    if (labSkipReason()) this.skip();
  });

  it('a failing `lab up` removes what it had made', async () => {
    const broken = async (): Promise<void> => {
      throw new Error('layer builder broke');
    };
    await assert.rejects(labUp({ name, hosts: 2, prepareLayer: broken, prepareRepo: writeTestRepo, log: () => undefined }), /layer builder broke/);
    const { stdout } = await execa('ip', ['netns', 'list']);
    assert.equal(stdout.includes(netnsPrefix(name)), false);
    assert.equal((await listLinks()).includes(bridgeName(name)), false);
    assert.equal(existsSync(stateDirFor(name)), false);
  });

  it('a host whose sshd dies fails `lab up` quickly, quoting its log, and leaves nothing', async () => {
    // The layer shadows the machine's sshd with one that fails at once.
    const brokenSshd = async (dir: string): Promise<void> => {
      await mkdir(join(dir, 'usr', 'sbin'), { recursive: true });
      await writeFile(join(dir, 'usr', 'sbin', 'sshd'), '#!/bin/sh\necho "sshd double refuses to start" >&2\nexit 1\n', { mode: 0o755 });
    };
    const started = Date.now();
    await assert.rejects(
      labUp({ name, hosts: 2, prepareLayer: brokenSshd, prepareRepo: writeTestRepo, log: () => undefined }),
      (e: unknown) => e instanceof LabError && e.code === 'BOOT' && /its process ended/.test(e.message) && /refuses to start/.test(e.message),
    );
    // The message already says the process ended; this only proves it did not also wait out the boot deadline (15 s + 0.3 s a host).
    assert.ok(Date.now() - started < 15_000, 'waited for the deadline instead of giving up when sshd ended');
    const { stdout } = await execa('ip', ['netns', 'list']);
    assert.equal(stdout.includes(netnsPrefix(name)), false);
    assert.equal(existsSync(stateDirFor(name)), false);
  });
});

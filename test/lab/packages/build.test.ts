import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { buildLabLayer, buildLabRepos, DOCKER_SUITES, FLANNEL_PATH, K8S_REPO_PATH } from '../../../lab/packages/build.js';

const run = promisify(execFile);

async function dearmor(armored: string, out: string): Promise<string> {
  const { stdout } = await run('sh', ['-c', `gpg --dearmor < '${armored}' > '${out}' && echo ok`]);
  assert.equal(stdout.trim(), 'ok');
  return out;
}

async function gpgv(keyring: string, ...files: string[]): Promise<boolean> {
  return run('gpgv', ['--keyring', keyring, ...files]).then(() => true, () => false);
}

function stanzas(packages: string): Array<Record<string, string>> {
  return packages.trim().split(/\n\n/).map((s) => Object.fromEntries(s.split('\n').filter((l) => /^\S+: /.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
}

describe('lab apt repositories and tooling layer', function () {
  this.timeout(120_000);
  let dir = '';
  let repo = '';
  let k8s = '';
  let docker = '';
  let keys = { k8s: '', docker: '' };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dh-repo-test-'));
    repo = join(dir, 'repo');
    await buildLabRepos(repo);
    k8s = join(repo, K8S_REPO_PATH);
    docker = join(repo, 'docker');
    keys = { k8s: await dearmor(join(k8s, 'Release.key'), join(dir, 'k8s.gpg')), docker: await dearmor(join(docker, 'gpg'), join(dir, 'docker.gpg')) };
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('signs the pkgs.k8s.io-like repository: InRelease and Release.gpg verify with its Release.key only', async () => {
    assert.ok(await gpgv(keys.k8s, join(k8s, 'InRelease')));
    assert.ok(await gpgv(keys.k8s, join(k8s, 'Release.gpg'), join(k8s, 'Release')));
    assert.equal(await gpgv(keys.docker, join(k8s, 'InRelease')), false);
  });

  for (const suite of DOCKER_SUITES) {
    it(`signs the Docker-like suite ${suite} with the key served at docker/gpg`, async () => {
      assert.ok(await gpgv(keys.docker, join(docker, 'dists', suite, 'InRelease')));
      assert.equal(await gpgv(keys.k8s, join(docker, 'dists', suite, 'InRelease')), false);
    });
  }

  it('a tampered Release no longer verifies', async () => {
    const copy = join(dir, 'Release.tampered');
    await writeFile(copy, (await readFile(join(k8s, 'Release'), 'utf8')).replace('Origin:', 'Origin: x'));
    assert.equal(await gpgv(keys.k8s, join(k8s, 'Release.gpg'), copy), false);
  });

  const expected: Array<[string, string]> = [
    ['kubelet', '1.33.3-1.1'], ['kubelet', '1.33.4-1.1'], ['kubeadm', '1.33.3-1.1'], ['kubeadm', '1.33.4-1.1'],
    ['kubectl', '1.33.3-1.1'], ['kubectl', '1.33.4-1.1'], ['cri-tools', '1.33.0-1.1'], ['kubernetes-cni', '1.6.0-1.1'],
  ];
  for (const [name, version] of expected) {
    it(`lists ${name} ${version} in the flat Packages index, with a file that matches its hash`, async () => {
      const entry = stanzas(await readFile(join(k8s, 'Packages'), 'utf8')).find((s) => s.Package === name && s.Version === version);
      assert.ok(entry, `${name} ${version} missing`);
      const deb = await readFile(join(k8s, entry.Filename ?? ''));
      assert.equal(createHash('sha256').update(deb).digest('hex'), entry.SHA256);
      assert.equal(String(deb.length), entry.Size);
    });
  }

  it('lists containerd.io in every Docker suite, with its real-package relations', async () => {
    for (const suite of DOCKER_SUITES) {
      const [entry] = stanzas(await readFile(join(docker, 'dists', suite, 'stable/binary-amd64/Packages'), 'utf8'));
      assert.equal(entry?.Package, 'containerd.io');
      assert.equal(entry?.Version, '1.7.27-1');
      assert.match(entry?.Conflicts ?? '', /containerd, runc/);
      await access(join(docker, entry?.Filename ?? ''));
    }
  });

  it('records every index in Release with its SHA256', async () => {
    const release = await readFile(join(k8s, 'Release'), 'utf8');
    for (const file of ['Packages', 'Packages.gz']) {
      const sum = createHash('sha256').update(await readFile(join(k8s, file))).digest('hex');
      assert.match(release, new RegExp(`^ ${sum}\\s+\\d+ ${file.replace('.', '\\.')}$`, 'm'));
    }
  });

  it('kubelet depends on kubernetes-cni and enables its unit in postinst', async () => {
    const kubelet = join(k8s, 'amd64/kubelet_1.33.4-1.1_amd64.deb');
    const { stdout: control } = await run('dpkg-deb', ['-f', kubelet, 'Depends']);
    assert.match(control, /kubernetes-cni \(>= 1\.2\.0\)/);
    const { stdout: files } = await run('dpkg-deb', ['-c', kubelet]);
    assert.match(files, /\.\/usr\/lib\/systemd\/system\/kubelet\.service/);
    const { stdout: postinst } = await run('dpkg-deb', ['-I', kubelet, 'postinst']);
    assert.match(postinst, /systemctl enable kubelet\.service/);
  });

  it('serves the flannel manifest at the release-asset path', async () => {
    const docs = parseAllDocuments(await readFile(join(repo, FLANNEL_PATH), 'utf8')).map((d) => d.toJS() as { kind: string });
    assert.deepEqual(docs.map((d) => d.kind), ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount', 'ConfigMap', 'DaemonSet']);
  });

  it('builds the tooling layer: stand-ins on PATH, the real paths pointed at them, boot state', async () => {
    const layer = join(dir, 'layer');
    await buildLabLayer(layer);
    for (const tool of ['systemctl', 'journalctl', 'modprobe', 'lsmod', 'sysctl', 'swapoff', 'swapon']) {
      await access(join(layer, 'usr/local/sbin', tool), constants.X_OK);
    }
    assert.match(await readFile(join(layer, 'etc/fstab'), 'utf8'), /^\/swap\.img\tnone\tswap\tsw\t0\t0$/m);
    assert.equal(await readFile(join(layer, 'var/lib/deckhand-lab/swap/active'), 'utf8'), '/swap.img\n');
    const { stdout } = await run('readlink', [join(layer, 'usr/sbin/modprobe')]);
    assert.equal(stdout.trim(), '../local/sbin/modprobe');
  });
});

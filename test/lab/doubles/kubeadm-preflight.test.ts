import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { makeLab, type LabHost } from './testing/lab-host.js';
import { PACKAGED_CONFIG } from '../../../lab/doubles/containerd-default-config.js';

const INIT = ['init', '--pod-network-cidr=10.244.0.0/16'];

describe('lab kubeadm init: preflight and success', function () {
  this.timeout(120_000);
  let lab: Awaited<ReturnType<typeof makeLab>>;
  let host: LabHost;
  let goodConfig = '';
  before(async () => {
    lab = await makeLab([['cp1', '127.0.0.7']]);
    host = lab.hosts[0] as LabHost;
    await host.install('containerd.io', 'kubernetes-cni', 'cri-tools', 'kubelet', 'kubeadm', 'kubectl');
    await host.prepareNode();
    goodConfig = await host.read('/etc/containerd/config.toml');
  });
  after(async () => lab?.teardown());

  const restartContainerd = (config: string) => async (): Promise<void> => {
    await host.write('/etc/containerd/config.toml', config);
    await host.run('systemctl', ['restart', 'containerd']);
  };
  let portHolder: Server | undefined;

  interface Case {
    readonly title: string;
    readonly breakIt: () => Promise<unknown>;
    readonly restore: () => Promise<unknown>;
    readonly extraArgs?: readonly string[];
    readonly errors: readonly RegExp[];
    readonly warnings?: readonly RegExp[];
  }
  const cases: Case[] = [
    {
      title: 'ip_forward not set',
      breakIt: () => host.run('sysctl', ['-w', 'net.ipv4.ip_forward=0']),
      restore: () => host.run('sysctl', ['-w', 'net.ipv4.ip_forward=1']),
      errors: [/\[ERROR FileContent--proc-sys-net-ipv4-ip_forward\]: \/proc\/sys\/net\/ipv4\/ip_forward contents are not set to 1/],
    },
    {
      title: 'containerd not running',
      breakIt: () => host.run('systemctl', ['stop', 'containerd']),
      restore: () => host.run('systemctl', ['start', 'containerd']),
      errors: [/\[ERROR CRI\]: container runtime is not running: .*dial unix \/var\/run\/containerd\/containerd\.sock: connect: no such file or directory/],
    },
    {
      title: "containerd.io's packaged config (CRI disabled)",
      breakIt: restartContainerd(PACKAGED_CONFIG),
      restore: async () => restartContainerd(goodConfig)(),
      errors: [/\[ERROR CRI\]: .*unknown service runtime\.v1\.RuntimeService/],
    },
    {
      title: 'SystemdCgroup set in the containerd 2.x table (ignored by 1.7)',
      breakIt: restartContainerd(`version = 2\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n  SystemdCgroup = true\n`),
      restore: async () => restartContainerd(goodConfig)(),
      errors: [/\[ERROR CgroupDriver\]: .*SystemdCgroup = true in \[plugins\."io\.containerd\.grpc\.v1\.cri"\.containerd\.runtimes\.runc\.options\]/],
    },
    {
      title: 'a leftover static Pod manifest, with another error ignored',
      breakIt: async () => {
        await host.write('/etc/kubernetes/manifests/kube-apiserver.yaml', 'apiVersion: v1\nkind: Pod\n');
        await host.run('sysctl', ['-w', 'net.ipv4.ip_forward=0']);
      },
      restore: async () => {
        await host.run('rm', ['-f', host.path('/etc/kubernetes/manifests/kube-apiserver.yaml')]);
        await host.run('sysctl', ['-w', 'net.ipv4.ip_forward=1']);
      },
      extraArgs: ['--ignore-preflight-errors=FileContent--proc-sys-net-ipv4-ip_forward'],
      errors: [/\[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver\.yaml\]: \/etc\/kubernetes\/manifests\/kube-apiserver\.yaml already exists/],
      warnings: [/\[WARNING FileContent--proc-sys-net-ipv4-ip_forward\]/],
    },
    {
      title: 'the API server port taken',
      breakIt: () => new Promise<void>((resolve) => {
        portHolder = createServer();
        portHolder.listen(6443, host.ip, () => resolve());
      }),
      restore: () => new Promise<void>((resolve) => (portHolder ? portHolder.close(() => resolve()) : resolve())),
      errors: [/\[ERROR Port-6443\]: Port 6443 is in use/],
    },
    {
      title: 'kubelet not installed',
      breakIt: () => rename(host.path('/usr/bin/kubelet'), host.path('/usr/bin/kubelet.away')),
      restore: () => rename(host.path('/usr/bin/kubelet.away'), host.path('/usr/bin/kubelet')),
      errors: [/\[ERROR KubeletVersion\]: couldn't get kubelet version/],
    },
  ];
  for (const c of cases) {
    it(`fails preflight: ${c.title}`, async () => {
      await c.breakIt();
      try {
        const r = await host.run('kubeadm', [...INIT, ...(c.extraArgs ?? [])]);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /error execution phase preflight: \[preflight\] Some fatal errors occurred:/);
        for (const error of c.errors) assert.match(r.stderr, error);
        for (const warning of c.warnings ?? []) assert.match(r.stderr, warning);
        assert.match(r.stderr, /To see the stack trace of this error execute with --v=5 or higher/);
      } finally {
        await c.restore();
      }
    });
  }

  it('with swap on: a preflight warning, then the kubelet refuses to run', async () => {
    await host.run('swapon', ['-a']);
    try {
      const r = await host.run('kubeadm', INIT);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /\[WARNING Swap\]: swap is supported for cgroup v2 only/);
      assert.match(r.stdout, /\[kubelet-check\] The kubelet is not healthy after 4m0s/);
      assert.match(r.stderr, /error execution phase wait-control-plane: failed while waiting for the kubelet to start/);
      assert.match((await host.run('journalctl', ['-u', 'kubelet'])).stdout, /running with swap on is not supported, please disable swap/);
    } finally {
      await host.run('swapoff', ['-a']);
      assert.equal((await host.run('kubeadm', ['reset', '-f'])).code, 0);
    }
  });

  it('succeeds on a prepared node, printing the join command', async () => {
    const r = await host.run('kubeadm', [...INIT, `--apiserver-advertise-address=${host.ip}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Your Kubernetes control-plane has initialized successfully!/);
    const join = /kubeadm join (\S+) --token (\S+) \\\n\t--discovery-token-ca-cert-hash (sha256:[0-9a-f]{64})/.exec(r.stdout);
    assert.ok(join, r.stdout);
    assert.equal(join[1], `${host.ip}:6443`);
    assert.match(join[2] ?? '', /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    // The documented openssl pipeline gives the same hash as the join line.
    const hash = execFileSync('sh', ['-c', `openssl x509 -pubkey -in '${host.path('/etc/kubernetes/pki/ca.crt')}' | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex`], { encoding: 'utf8' });
    assert.equal(`sha256:${hash.trim().split(' ').pop() ?? ''}`, join[3]);
    for (const file of ['/etc/kubernetes/admin.conf', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/manifests/kube-apiserver.yaml', '/var/lib/kubelet/config.yaml']) {
      assert.ok((await host.read(file)).length > 0, file);
    }
    assert.equal((await host.run('systemctl', ['is-active', 'kubelet'])).stdout.trim(), 'active');
  });

  it('refuses to run twice', async () => {
    const r = await host.run('kubeadm', INIT);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\[ERROR Port-6443\]: Port 6443 is in use/);
    assert.match(r.stderr, /\[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver\.yaml\]/);
  });

  it('kubectl needs a kubeconfig, like the real one', async () => {
    const bare = await host.run('kubectl', ['get', 'nodes']);
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /The connection to the server localhost:8080 was refused - did you specify the right host or port\?/);
    const withConfig = await host.run('kubectl', ['--kubeconfig', '/etc/kubernetes/admin.conf', 'get', 'nodes', '--no-headers']);
    assert.equal(withConfig.code, 0, withConfig.stderr);
    assert.match(withConfig.stdout, /^cp1\s+NotReady\s+control-plane\s+\S+\s+v1\.33\.4$/m);
  });

  it('reports versions', async () => {
    assert.equal((await host.run('kubeadm', ['version', '-o', 'short'])).stdout, 'v1.33.4');
    assert.equal((await host.run('kubelet', ['--version'])).stdout, 'Kubernetes v1.33.4');
    assert.match((await host.run('containerd', ['--version'])).stdout, /^containerd containerd\.io 1\.7\.27 /);
  });
});

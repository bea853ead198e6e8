import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flannelManifest } from '../../../lab/packages/flannel-manifest.js';
import { makeLab, type LabHost } from './testing/lab-host.js';
import { waitFor } from '../../support/wait-for.js';

const JOIN_LINE = /^kubeadm join 127\.0\.0\.11:6443 --token ([a-z0-9]{6})\.([a-z0-9]{16}) --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} $/;

// One control plane and two workers, from installed packages to a Ready
// cluster: kubelet crash-looping before kubeadm, join tokens and their
// failures, and nodes turning Ready only once flannel runs on them.
describe('lab cluster bootstrap: init, tokens, join, pod network', function () {
  this.timeout(120_000);
  let lab: Awaited<ReturnType<typeof makeLab>>;
  let master: LabHost;
  let worker1: LabHost;
  let worker2: LabHost;
  let manifests: Server;
  let flannelUrl = '';
  const kubectl = (...args: string[]): ReturnType<LabHost['run']> => master.run('kubectl', args);

  before(async () => {
    // A short node grace period, so a silent kubelet is noticed within the test.
    lab = await makeLab([['master', '127.0.0.11'], ['worker1', '127.0.0.12'], ['worker2', '127.0.0.13']], { DECKHAND_LAB_NODE_GRACE: '5' });
    [master, worker1, worker2] = lab.hosts as [LabHost, LabHost, LabHost];
    await Promise.all(lab.hosts.map(async (h) => {
      await h.install('containerd.io', 'kubernetes-cni', 'cri-tools', 'kubelet', 'kubeadm', 'kubectl');
      await h.prepareNode();
    }));
    await worker2.run('modprobe', ['-r', 'br_netfilter']);
    const init = await master.run('kubeadm', ['init', '--pod-network-cidr=10.244.0.0/16', `--apiserver-advertise-address=${master.ip}`]);
    assert.equal(init.code, 0, init.stderr);
    await master.write('/root/.kube/config', await master.read('/etc/kubernetes/admin.conf'));
    manifests = createServer((_req, res) => res.end(flannelManifest()));
    await new Promise<void>((resolve) => manifests.listen(0, '127.0.0.1', resolve));
    flannelUrl = `http://127.0.0.1:${(manifests.address() as AddressInfo).port}/kube-flannel.yml`;
  });
  after(async () => {
    manifests?.close();
    await lab?.teardown();
  });

  it('before kubeadm, the installed kubelet crash-loops waiting for its config', async () => {
    // Between restarts the unit is "activating" (auto-restart); briefly "active" while each attempt starts.
    const active = await waitFor(() => worker1.run('systemctl', ['is-active', 'kubelet']), {
      until: (r) => r.stdout === 'activating',
      timeoutMs: 30_000,
      what: 'kubelet to be "activating" between restarts',
    });
    assert.equal(active.code, 3);
    // "activating" comes before the restart is counted; the count follows once the restart delay has passed.
    await waitFor(async () => Number((await worker1.run('systemctl', ['show', '-p', 'NRestarts', '--value', 'kubelet'])).stdout), {
      until: (n) => n >= 1,
      timeoutMs: 30_000,
      what: "kubelet's NRestarts to reach 1",
    });
    assert.match((await worker1.run('journalctl', ['-u', 'kubelet'])).stdout, /failed to load kubelet config file, path: \/var\/lib\/kubelet\/config\.yaml/);
  });

  it('token create --print-join-command prints a fresh, stored 24 h token', async () => {
    const r = await master.run('kubeadm', ['token', 'create', '--print-join-command']);
    assert.equal(r.code, 0, r.stderr);
    const match = JOIN_LINE.exec(r.stdout);
    assert.ok(match, r.stdout);
    const list = await master.run('kubeadm', ['token', 'list']);
    assert.match(list.stdout, new RegExp(`^${match[1]}\\.${match[2]}\\s+23h\\s`, 'm'));
  });

  it('token create needs admin.conf', async () => {
    const r = await worker1.run('kubeadm', ['token', 'create']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /failed to load admin kubeconfig: open \/etc\/kubernetes\/admin\.conf: no such file or directory/);
  });

  interface JoinFailure {
    readonly title: string;
    readonly args: (join: string[]) => Promise<string[]>;
    readonly error: RegExp;
  }
  const joinArgs = async (...extra: string[]): Promise<string[]> => (await master.run('kubeadm', ['token', 'create', '--print-join-command', ...extra])).stdout.trim().split(/\s+/);
  const failures: JoinFailure[] = [
    { title: 'a wrong CA hash', args: async (join) => [...join.slice(0, -1), `sha256:${'0'.repeat(64)}`], error: /cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:[0-9a-f]{64}" are pinned/ },
    { title: 'an expired token', args: async () => {
      const join = await joinArgs('--ttl', '1s');
      // A wait on the clock, not on the machine: the token expires 1 s after it was made.
      await new Promise((r) => setTimeout(r, 1500));
      return join;
    }, error: /could not find a JWS signature in the cluster-info ConfigMap for token ID "[a-z0-9]{6}"/ },
    { title: 'a malformed token', args: async (join) => join.map((a, i) => (join[i - 1] === '--token' ? `${a}X` : a)), error: /the bootstrap token is invalid/ },
    { title: 'no CA hash at all', args: async (join) => join.slice(0, -2), error: /using token-based discovery without caCertHashes can be unsafe/ },
  ];
  for (const f of failures) {
    it(`join fails with ${f.title}, without printing the token`, async () => {
      const args = await f.args(await joinArgs());
      const token = args[args.indexOf('--token') + 1] ?? '';
      const r = await worker1.run(args[0] ?? 'kubeadm', args.slice(1));
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, f.error);
      const secret = token.split('.')[1] ?? token;
      assert.ok(!(r.stdout + r.stderr).includes(secret), 'the token secret was printed');
    });
  }

  it('joins both workers; without a pod network every node is NotReady', async () => {
    for (const worker of [worker1, worker2]) {
      const join = await joinArgs();
      const r = await worker.run(join[0] ?? 'kubeadm', join.slice(1));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /This node has joined the cluster:/);
    }
    const nodes = await kubectl('get', 'nodes', '--no-headers');
    assert.equal(nodes.stdout.split('\n').length, 3);
    assert.doesNotMatch(nodes.stdout, /\sReady\s/);
    const reason = await kubectl('get', 'node', 'worker1', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].message}');
    assert.match(reason.stdout, /cni plugin not initialized/);
  });

  it('applying flannel makes nodes Ready where flannel can run', async () => {
    const apply = await kubectl('apply', '-f', flannelUrl);
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /^daemonset\.apps\/kube-flannel-ds created$/m);
    const wait = await kubectl('wait', '--for=condition=Ready', 'node/master', 'node/worker1', '--timeout=30s');
    assert.equal(wait.code, 0, wait.stderr);
    assert.match(await worker1.read('/etc/cni/net.d/10-flannel.conflist'), /"type": "portmap"/);
    assert.match(await worker1.read('/run/flannel/subnet.env'), /^FLANNEL_SUBNET=10\.244\.\d+\.1\/24$/m);
  });

  const PINNED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: probe
  namespace: default
spec:
  nodeName: worker2
  containers:
  - name: probe
    image: registry.k8s.io/pause:3.10
`;

  it('without br_netfilter flannel crash-loops: the CNI config is there, pods get no network', async () => {
    const pods = await kubectl('get', 'pods', '-n', 'kube-flannel', '--field-selector', 'spec.nodeName=worker2', '--no-headers');
    assert.match(pods.stdout, /CrashLoopBackOff/);
    const message = await kubectl('get', 'pods', '-n', 'kube-flannel', '--field-selector', 'spec.nodeName=worker2', '-o', 'jsonpath={.items[0].status.containerStatuses[0].state.waiting.message}');
    assert.match(message.stdout, /Failed to check br_netfilter/);
    assert.equal((await master.run('kubectl', ['apply', '-f', '-'], PINNED_POD)).code, 0);
    await waitFor(async () => (await kubectl('get', 'pod', 'probe', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.reason}: {.status.containerStatuses[0].state.waiting.message}')).stdout, {
      until: (s) => /^ContainerCreating: .*loadFlannelSubnetEnv failed: open \/run\/flannel\/subnet\.env: no such file or directory/.test(s),
      timeoutMs: 30_000,
      what: 'the probe pod to wait for its network (loadFlannelSubnetEnv failed)',
    });
  });

  it('loading br_netfilter lets flannel start, and the waiting pod runs', async () => {
    await worker2.run('modprobe', ['br_netfilter']);
    const rollout = await kubectl('-n', 'kube-flannel', 'rollout', 'status', 'ds/kube-flannel-ds', '--timeout=30s');
    assert.match(rollout.stdout, /daemon set "kube-flannel-ds" successfully rolled out/);
    const wait = await kubectl('wait', '--for=condition=Ready', 'pod/probe', '--timeout=30s');
    assert.equal(wait.code, 0, wait.stderr);
    assert.match((await kubectl('get', 'pod', 'probe', '-o', 'jsonpath={.status.podIP}')).stdout, /^10\.244\.\d+\.\d+$/);
  });

  it('a node whose kubelet stops turns Unknown after the grace period, and Ready when it is back', async () => {
    await worker1.run('systemctl', ['stop', 'kubelet']);
    const gone = await kubectl('wait', '--for=condition=Ready=Unknown', 'node/worker1', '--timeout=20s');
    assert.equal(gone.code, 0, gone.stderr);
    assert.match((await kubectl('get', 'node', 'worker1', '--no-headers')).stdout, /^worker1\s+NotReady\s/);
    await worker1.run('systemctl', ['start', 'kubelet']);
    const back = await kubectl('wait', '--for=condition=Ready', 'node/worker1', '--timeout=20s');
    assert.equal(back.code, 0, back.stderr);
  });
});

import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import mqtt from 'mqtt';
import { flannelManifest } from '../../../lab/packages/flannel-manifest.js';
import { waitFor } from '../../support/wait-for.js';
import { makeLab, type LabHost } from './testing/lab-host.js';
import { AUTH_ENV, AUTH_MOUNTS, AUTH_SECRET, AUTH_VOLUMES, emqxManifest, TUTORIAL_SERVICE } from './testing/emqx-manifests.js';

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

// A Ready three-node cluster running EMQX the way the roles deploy it.
describe('lab cluster workloads: apply, validation, endpoints, EMQX NodePorts', function () {
  this.timeout(120_000);
  let lab: Awaited<ReturnType<typeof makeLab>>;
  let master: LabHost;
  const kubectl = (...args: string[]): ReturnType<LabHost['run']> => master.run('kubectl', args);
  const apply = (manifest: string): ReturnType<LabHost['run']> => master.run('kubectl', ['apply', '-f', '-'], manifest);

  before(async () => {
    lab = await makeLab([['master', '127.0.0.21'], ['worker1', '127.0.0.22'], ['worker2', '127.0.0.23']]);
    master = lab.hosts[0] as LabHost;
    await Promise.all(lab.hosts.map(async (h) => {
      await h.install('containerd.io', 'kubernetes-cni', 'cri-tools', 'kubelet', 'kubeadm', 'kubectl');
      await h.prepareNode();
    }));
    assert.equal((await master.run('kubeadm', ['init', '--pod-network-cidr=10.244.0.0/16', `--apiserver-advertise-address=${master.ip}`])).code, 0);
    await master.write('/root/.kube/config', await master.read('/etc/kubernetes/admin.conf'));
    for (const worker of lab.hosts.slice(1)) {
      const join = (await master.run('kubeadm', ['token', 'create', '--print-join-command'])).stdout.trim().split(/\s+/);
      assert.equal((await worker.run('kubeadm', join.slice(1))).code, 0);
    }
    assert.equal((await apply(flannelManifest())).code, 0);
    assert.equal((await kubectl('wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=60s')).code, 0);
  });
  after(async () => lab?.teardown());

  const applySteps: Array<{ title: string; manifest: () => string; before?: () => Promise<unknown>; lines: string[] }> = [
    { title: 'first apply creates every object', manifest: () => emqxManifest(), lines: ['namespace/kube-emqx created', 'service/emqx-headless created', 'statefulset.apps/emqx created', 'service/emqx-nodeport created'] },
    { title: 'the same manifest again changes nothing', manifest: () => emqxManifest(), lines: ['namespace/kube-emqx unchanged', 'service/emqx-headless unchanged', 'statefulset.apps/emqx unchanged', 'service/emqx-nodeport unchanged'] },
    { title: 'a changed replica count configures the StatefulSet only', manifest: () => emqxManifest({ replicas: 3 }), lines: ['namespace/kube-emqx unchanged', 'service/emqx-headless unchanged', 'statefulset.apps/emqx configured', 'service/emqx-nodeport unchanged'] },
    { title: 'drift made outside apply (kubectl scale) is put back', manifest: () => emqxManifest({ replicas: 3 }), before: () => kubectl('scale', 'sts/emqx', '-n', 'kube-emqx', '--replicas=1'), lines: ['namespace/kube-emqx unchanged', 'service/emqx-headless unchanged', 'statefulset.apps/emqx configured', 'service/emqx-nodeport unchanged'] },
  ];
  for (const step of applySteps) {
    it(`apply: ${step.title}`, async () => {
      await step.before?.();
      const r = await apply(step.manifest());
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\n'), step.lines);
    });
  }

  it('the StatefulSet rolls out, pods spread over the workers (the control plane is tainted)', async () => {
    const rollout = await kubectl('-n', 'kube-emqx', 'rollout', 'status', 'sts/emqx', '--timeout=60s');
    assert.equal(rollout.code, 0, rollout.stderr);
    const nodes = (await kubectl('get', 'pods', '-n', 'kube-emqx', '-l', 'app=emqx', '-o', 'jsonpath={.items[*].spec.nodeName}')).stdout.split(' ');
    assert.equal(nodes.length, 3);
    assert.deepEqual([...new Set(nodes)].sort(), ['worker1', 'worker2']);
    assert.equal((await kubectl('get', 'sts', 'emqx', '-n', 'kube-emqx', '-o', 'jsonpath={.status.readyReplicas}')).stdout, '3');
  });

  const invalid: Array<{ title: string; manifest: string; error: RegExp }> = [
    { title: 'a Service in a namespace that does not exist (the tutorial\'s kube-mqtt)', manifest: TUTORIAL_SERVICE.replace('namespace: kube-emqx', 'namespace: kube-mqtt'), error: /Error from server \(NotFound\): error when creating "STDIN": namespaces "kube-mqtt" not found/ },
    { title: 'a workload whose selector does not match its template', manifest: emqxManifest().replace('matchLabels:\n      app: emqx', 'matchLabels:\n      app: mqtt').replace(/^[\s\S]*?(apiVersion: apps\/v1)/, '$1').replace(/---[\s\S]*$/, ''), error: /`selector` does not match template `labels`/ },
    { title: 'a NodePort outside 30000-32767', manifest: TUTORIAL_SERVICE.replace('31884', '80'), error: /spec\.ports\[0\]\.nodePort: Invalid value: 80: provided port is not in the valid range\. The range of valid ports is 30000-32767/ },
    { title: 'a NodePort already allocated', manifest: TUTORIAL_SERVICE.replace('31884', '31883'), error: /provided port is already allocated/ },
    { title: 'a kind the cluster does not serve', manifest: 'apiVersion: apps.emqx.io/v2beta1\nkind: EMQX\nmetadata:\n  name: emqx\n  namespace: kube-emqx\n', error: /no matches for kind "EMQX" in version "apps\.emqx\.io\/v2beta1"\nensure CRDs are installed first/ },
    { title: 'an immutable StatefulSet field', manifest: emqxManifest({ replicas: 3 }).replace('serviceName: emqx-headless', 'serviceName: other'), error: /updates to statefulset spec for fields other than 'replicas'/ },
  ];
  for (const c of invalid) {
    it(`apply rejects ${c.title}`, async () => {
      const r = await apply(c.manifest);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, c.error);
    });
  }

  it("the tutorial's selector (name: mqtt) leaves its Service without endpoints", async () => {
    assert.equal((await apply(TUTORIAL_SERVICE)).code, 0);
    await kubectl('get', 'pods', '-A');
    const ep = JSON.parse((await kubectl('get', 'endpoints', 'mqtt-tutorial', '-n', 'kube-emqx', '-o', 'json')).stdout) as { subsets?: unknown };
    assert.equal(ep.subsets, undefined);
    const slice = await kubectl('get', 'endpointslices', '-n', 'kube-emqx', '-l', 'kubernetes.io/service-name=mqtt-tutorial', '-o', 'jsonpath={.items[0].endpoints}');
    assert.equal(slice.stdout, '');
    assert.ok(await refused('127.0.0.22', 31884), 'a Service without endpoints must not answer on its NodePort');
  });

  it('a matching selector in another namespace selects nothing either', async () => {
    const svc = TUTORIAL_SERVICE.replace('namespace: kube-emqx', 'namespace: default').replace('name: mqtt\n  ports', 'app: emqx\n  ports').replace('nodePort: 31884', 'nodePort: 31885');
    assert.equal((await apply(svc)).code, 0, 'apply');
    const ep = await kubectl('get', 'endpoints', 'mqtt-tutorial', '-n', 'default', '--no-headers');
    assert.match(ep.stdout, /^mqtt-tutorial\s+<none>\s/);
  });

  it('the EMQX NodePort Service lists every Ready pod as an endpoint', async () => {
    const ips = (await kubectl('get', 'endpoints', 'emqx-nodeport', '-n', 'kube-emqx', '-o', 'jsonpath={.subsets[*].addresses[*].ip}')).stdout.split(' ');
    assert.equal(ips.length, 3);
    for (const ip of ips) assert.match(ip, /^10\.244\.\d+\.\d+$/);
  });

  it('EMQX /status answers on every node\'s dashboard NodePort', async () => {
    for (const ip of ['127.0.0.21', '127.0.0.22', '127.0.0.23']) {
      const res = await fetch(`http://${ip}:30083/status`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /^Node emqx@\S+ is started\nemqx is running$/);
    }
    const login = await fetch('http://127.0.0.22:30083/api/v5/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'public' }) });
    assert.equal(login.status, 401, 'the default dashboard password was changed through EMQX_DASHBOARD__DEFAULT_PASSWORD');
  });

  it('an MQTT message published through one node reaches a subscriber on another', async () => {
    const sub = await mqtt.connectAsync('mqtt://127.0.0.23:31883', { reconnectPeriod: 0, connectTimeout: 5000 });
    const pub = await mqtt.connectAsync('mqtt://127.0.0.22:31883', { reconnectPeriod: 0, connectTimeout: 5000 });
    try {
      await sub.subscribeAsync('lab/round-trip', { qos: 1 });
      const received = new Promise<string>((resolve) => sub.on('message', (_topic, payload) => resolve(payload.toString())));
      await pub.publishAsync('lab/round-trip', 'hello from worker1', { qos: 1 });
      assert.equal(await received, 'hello from worker1');
    } finally {
      await Promise.all([sub.endAsync(), pub.endAsync()]);
    }
  });

  it('when the broker\'s pod is deleted and comes back, every dashboard NodePort keeps answering', async () => {
    const statusOk = async (ip: string): Promise<boolean> => {
      try {
        return (await fetch(`http://${ip}:30083/status`, { signal: AbortSignal.timeout(2000) })).status === 200;
      } catch {
        return false;
      }
    };
    // Polls every node's dashboard NodePort every 50 ms until stopped.
    const failures: string[] = [];
    let polls = 0;
    let stop = false;
    const poller = (async () => {
      while (!stop) {
        const ok = await Promise.all(['127.0.0.21', '127.0.0.22', '127.0.0.23'].map(statusOk));
        ok.forEach((good, i) => good || failures.push(`node ${i + 1} at poll ${polls}`));
        polls++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const uid = async (): Promise<string> => (await kubectl('get', 'pod', 'emqx-0', '-n', 'kube-emqx', '-o', 'jsonpath={.metadata.uid} {.status.conditions[?(@.type=="Ready")].status}')).stdout;
    const before = (await uid()).split(' ')[0] ?? '';
    // emqx-0 is the first Ready pod, so the broker moves to another node and back.
    assert.equal((await kubectl('delete', 'pod', 'emqx-0', '-n', 'kube-emqx')).code, 0);
    try {
      await waitFor(uid, {
        timeoutMs: 40_000,
        intervalMs: 200,
        what: 'emqx-0 recreated (a new uid) and Ready',
        until: (now) => now !== '' && !now.startsWith(before) && now.endsWith(' True'),
      });
      // An observation window, not a wait for something: with emqx-0 Ready again the broker moves
      // back on the next kubelet ticks (200 ms apart here), and no poll may fail meanwhile.
      const pollsWhenBack = polls;
      await waitFor(() => polls, { timeoutMs: 60_000, what: '40 more dashboard polls', until: (n) => n >= pollsWhenBack + 40 });
    } finally {
      stop = true;
      await poller;
    }
    assert.deepEqual(failures, []);
  });

  it('with EMQX authentication configured, anonymous clients are refused and bootstrap users accepted', async () => {
    assert.equal((await apply(AUTH_SECRET)).code, 0);
    const r = await apply(emqxManifest({ replicas: 3, env: AUTH_ENV, mounts: AUTH_MOUNTS, volumes: AUTH_VOLUMES }));
    assert.match(r.stdout, /^statefulset\.apps\/emqx configured$/m);
    assert.equal((await kubectl('-n', 'kube-emqx', 'rollout', 'status', 'sts/emqx', '--timeout=60s')).code, 0);
    // The restarted brokers read the new settings once they are up: wait for the refusal itself.
    const anonymous = await waitFor(
      () => mqtt.connectAsync('mqtt://127.0.0.22:31883', { reconnectPeriod: 0, connectTimeout: 5000 }).then(
        async (c) => {
          await c.endAsync();
          return 'accepted';
        },
        (e: unknown) => String(e),
      ),
      { timeoutMs: 30_000, intervalMs: 200, what: 'an anonymous MQTT client to be refused', until: (r) => r !== 'accepted' },
    );
    assert.match(anonymous, /Not authorized|Connection refused/);
    const client = await mqtt.connectAsync('mqtt://127.0.0.22:31883', { reconnectPeriod: 0, connectTimeout: 5000, username: 'device1', password: 'device1-password' });
    await client.endAsync();
  });

  it('deleting the Service closes its NodePorts', async () => {
    assert.equal((await kubectl('delete', 'svc', 'emqx-nodeport', '-n', 'kube-emqx')).stdout, 'service "emqx-nodeport" deleted');
    await waitFor(() => refused('127.0.0.22', 31883), { timeoutMs: 20_000, intervalMs: 100, what: 'NodePort 31883 to refuse connections' });
  });
});

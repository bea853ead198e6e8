import assert from 'node:assert/strict';
import { checkNodes, checkPods, FLANNEL_PUBLIC_IP } from '../../../lab/vagrant/cluster-checks.js';

interface NodeSpec { name: string; ready?: 'True' | 'False' | 'Unknown'; ip?: string; flannel?: string | null; reason?: string }

function node(s: NodeSpec): unknown {
  return {
    metadata: { name: s.name, annotations: s.flannel === null ? {} : { [FLANNEL_PUBLIC_IP]: s.flannel ?? s.ip } },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: s.ready ?? 'True', ...(s.reason ? { reason: s.reason } : {}) },
      ],
      addresses: [{ type: 'InternalIP', address: s.ip }, { type: 'Hostname', address: s.name }],
    },
  };
}

const list = (items: unknown[]): string => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const EXPECTED = [
  { name: 'master', address: '192.168.56.10' },
  { name: 'worker1', address: '192.168.56.11' },
  { name: 'worker2', address: '192.168.56.12' },
];
const good = (name: string, i: number): NodeSpec => ({ name, ip: `192.168.56.1${i}` });

describe('cluster checks: nodes', () => {
  const cases: ReadonlyArray<{ name: string; nodes: NodeSpec[]; want: Array<{ node: string; message: RegExp }> }> = [
    { name: 'all Ready on their private addresses', nodes: ['master', 'worker1', 'worker2'].map(good), want: [] },
    {
      name: 'a NotReady worker, with the kubelet reason',
      nodes: [good('master', 0), good('worker1', 1), { ...good('worker2', 2), ready: 'False', reason: 'KubeletNotReady' }],
      want: [{ node: 'worker2', message: /^not Ready \(KubeletNotReady\)$/ }],
    },
    {
      name: 'the NAT pitfall: a kubelet registered 10.0.2.15',
      nodes: [good('master', 0), { name: 'worker1', ip: '10.0.2.15', flannel: '192.168.56.11' }, good('worker2', 2)],
      want: [{ node: 'worker1', message: /InternalIP is 10\.0\.2\.15, expected the private address 192\.168\.56\.11/ }],
    },
    {
      name: 'the NAT pitfall: flannel picked the NAT NIC',
      nodes: [good('master', 0), good('worker1', 1), { name: 'worker2', ip: '192.168.56.12', flannel: '10.0.2.15' }],
      want: [{ node: 'worker2', message: /flannel public-ip is 10\.0\.2\.15.*--iface/ }],
    },
    {
      name: 'no flannel annotation',
      nodes: [{ name: 'master', ip: '192.168.56.10', flannel: null }, good('worker1', 1), good('worker2', 2)],
      want: [{ node: 'master', message: /flannel public-ip is undefined/ }],
    },
    {
      name: 'a worker that never joined',
      nodes: [good('master', 0), good('worker1', 1)],
      want: [{ node: 'worker2', message: /not registered/ }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = checkNodes(list(c.nodes.map(node)), EXPECTED);
      assert.equal(problems.length, c.want.length, JSON.stringify(problems));
      c.want.forEach((w, i) => {
        assert.equal(problems[i]?.node, w.node);
        assert.match(problems[i]?.message ?? '', w.message);
      });
    });
  }

  it('reports output that is not a node list against the master', () => {
    assert.deepEqual(checkNodes('The connection to the server localhost:8080 was refused', EXPECTED).map((p) => p.node), ['master']);
    assert.match(checkNodes('{"kind":"Status"}', EXPECTED)[0]?.message ?? '', /no "items"/);
  });
});

interface PodSpec { name: string; node?: string; phase?: string; ready?: boolean; waiting?: string; containers?: boolean }
function pod(s: PodSpec): unknown {
  return {
    metadata: { name: s.name, namespace: 'kube-emqx' },
    spec: s.node ? { nodeName: s.node } : {},
    status: {
      phase: s.phase ?? 'Running',
      ...(s.containers === false ? {} : {
        containerStatuses: [{ name: 'emqx', ready: s.ready ?? true, state: s.waiting ? { waiting: { reason: s.waiting } } : { running: {} } }],
      }),
    },
  };
}

describe('cluster checks: EMQX pods', () => {
  const cases: ReadonlyArray<{ name: string; pods: PodSpec[]; want: Array<{ node: string; message: RegExp }> }> = [
    { name: 'every pod Running and ready', pods: [{ name: 'emqx-0', node: 'worker1' }, { name: 'emqx-1', node: 'worker2' }], want: [] },
    { name: 'no pods at all', pods: [], want: [{ node: 'master', message: /no pods in namespace kube-emqx/ }] },
    {
      name: 'a Pending pod that is not scheduled',
      pods: [{ name: 'emqx-0', node: 'worker1' }, { name: 'emqx-1', phase: 'Pending', containers: false }],
      want: [{ node: '(unscheduled)', message: /pod kube-emqx\/emqx-1: phase Pending/ }],
    },
    {
      name: 'a crash-looping container, on its node',
      pods: [{ name: 'emqx-0', node: 'worker2', ready: false, waiting: 'CrashLoopBackOff' }],
      want: [{ node: 'worker2', message: /container emqx not ready \(CrashLoopBackOff\)/ }],
    },
    {
      name: 'Running but not yet ready',
      pods: [{ name: 'emqx-0', node: 'worker1', ready: false }],
      want: [{ node: 'worker1', message: /container emqx not ready$/ }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = checkPods(list(c.pods.map(pod)), 'kube-emqx');
      assert.equal(problems.length, c.want.length, JSON.stringify(problems));
      c.want.forEach((w, i) => {
        assert.equal(problems[i]?.node, w.node);
        assert.match(problems[i]?.message ?? '', w.message);
      });
    });
  }
});

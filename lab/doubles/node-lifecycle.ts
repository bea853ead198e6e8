// The node lifecycle and IPAM parts of the controller manager: a node whose
// kubelet stopped posting status turns Unknown, not-Ready nodes carry the
// not-ready taint (so only pods that tolerate it land there), and each node
// gets a pod CIDR out of the cluster's pod subnet when one was configured.
import { listObjects, putObject, type ClusterState } from './cluster-store.js';
import { envNumber, ENV } from './lab-env.js';
import { formatCidr, parseCidr, subnet } from './ip-utils.js';
import { conditionStatus, spec, status, type Condition, type KObject, type NodeSpec, type NodeStatus, type PodStatus, type Taint } from './k8s-types.js';
import { stableStringify } from './workloads.js';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

export function nodeGraceMs(): number {
  return envNumber(ENV.nodeGraceSec, 40) * 1000;
}

export function isNodeReady(node: KObject): boolean {
  return conditionStatus(status<NodeStatus>(node).conditions, 'Ready') === 'True';
}

export function reconcileNodes(state: ClusterState, now: number): void {
  const nodes = listObjects(state, 'Node');
  const podCidr = state.cluster?.podSubnet ? parseCidr(state.cluster.podSubnet) : undefined;
  const used = new Set(nodes.map((n) => spec<NodeSpec>(n).podCIDR).filter((c): c is string => c !== undefined));
  for (const node of nodes) {
    const before = stableStringify(node);
    const nodeStatus = status<NodeStatus>(node);
    const ready = nodeStatus.conditions?.find((c) => c.type === 'Ready');
    const beat = ready?.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : 0;
    if (ready && ready.status !== 'Unknown' && now - beat > nodeGraceMs()) {
      const unknown: Condition = { ...ready, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: new Date(now).toISOString() };
      node.status = { ...nodeStatus, conditions: (nodeStatus.conditions ?? []).map((c) => (c.type === 'Ready' ? unknown : c)) };
    }
    const nodeSpec = spec<NodeSpec>(node);
    const readyNow = isNodeReady(node);
    const unknownNow = conditionStatus(status<NodeStatus>(node).conditions, 'Ready') === 'Unknown';
    const kept = (nodeSpec.taints ?? []).filter((t) => t.key !== NOT_READY && t.key !== UNREACHABLE);
    const lifecycle: Taint[] = readyNow ? [] : unknownNow ? [{ key: UNREACHABLE, effect: 'NoSchedule' }] : [{ key: NOT_READY, effect: 'NoSchedule' }];
    const taints = [...kept, ...lifecycle];
    const nextSpec: NodeSpec = { ...nodeSpec };
    if (taints.length > 0) nextSpec.taints = taints;
    else delete nextSpec.taints;
    if (podCidr && !nodeSpec.podCIDR) {
      for (let i = 0; ; i++) {
        const candidate = subnet(podCidr, Math.max(24, podCidr.prefix), i);
        if (!candidate) break;
        const text = formatCidr(candidate);
        if (used.has(text)) continue;
        used.add(text);
        nextSpec.podCIDR = text;
        nextSpec.podCIDRs = [text];
        break;
      }
    }
    node.spec = nextSpec;
    if (stableStringify(node) !== before) putObject(state, node);
    if (unknownNow) markPodsNotReady(state, node.metadata.name);
  }
}

// Pods on a node that went silent are no longer Ready (endpoints drop them).
function markPodsNotReady(state: ClusterState, nodeName: string): void {
  for (const pod of listObjects(state, 'Pod')) {
    if (spec<{ nodeName?: string }>(pod).nodeName !== nodeName) continue;
    const podStatus = status<PodStatus>(pod);
    if (conditionStatus(podStatus.conditions, 'Ready') !== 'True') continue;
    pod.status = { ...podStatus, conditions: (podStatus.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)) };
    putObject(state, pod);
  }
}

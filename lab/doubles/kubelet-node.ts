// The Node object a kubelet registers and keeps current: labels, addresses,
// node info, and the Ready condition, which is False until the pod network
// (a CNI config in /etc/cni/net.d) is there, as the real kubelet reports it.
import { cpus, release, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';
import { getObject, putObject, type ClusterState } from './cluster-store.js';
import { readText } from './fs-atomic.js';
import { hostPath, versions } from './lab-env.js';
import type { Condition, KObject, NodeStatus, PodSpec } from './k8s-types.js';
import { status } from './k8s-types.js';

// The kubelet posts status every 10 s; the lab posts every 2 s unless something changed.
const HEARTBEAT_MS = 2000;

export interface NodeIdentity {
  readonly name: string;
  readonly ip: string;
  readonly criSocket: string;
}

function osImage(): string {
  const text = readText(hostPath('/etc/os-release')) ?? readText('/etc/os-release') ?? '';
  return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? 'Linux';
}

function readyCondition(networkReady: boolean, now: string, previous: Condition | undefined): Condition {
  const ready = networkReady ? 'True' : 'False';
  return {
    type: 'Ready',
    status: ready,
    reason: networkReady ? 'KubeletReady' : 'KubeletNotReady',
    message: networkReady ? 'kubelet is posting ready status' : 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    lastHeartbeatTime: now,
    lastTransitionTime: previous && previous.status === ready ? previous.lastTransitionTime ?? now : now,
  };
}

/** Registers or refreshes this node; returns it. */
export function postNodeStatus(state: ClusterState, id: NodeIdentity, networkReady: boolean, nowMs: number): KObject {
  const now = new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const existing = getObject(state, 'Node', undefined, id.name);
  const node: KObject = existing ?? {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': id.name, 'kubernetes.io/os': 'linux' },
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': id.criSocket, 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {},
  };
  const previous = status<NodeStatus>(node).conditions?.find((c) => c.type === 'Ready');
  const lastBeat = previous?.lastHeartbeatTime ? Date.parse(previous.lastHeartbeatTime) : 0;
  const changed = previous?.status !== (networkReady ? 'True' : 'False');
  if (existing && !changed && nowMs - lastBeat < HEARTBEAT_MS) return existing;
  const memKi = `${Math.floor(totalmem() / 1024)}Ki`;
  const resources = { cpu: String(cpus().length), 'ephemeral-storage': '30298176Ki', 'hugepages-2Mi': '0', memory: memKi, pods: '110' };
  const pressure = (type: string, reason: string, message: string): Condition => ({ type, status: 'False', reason, message, lastHeartbeatTime: now, lastTransitionTime: node.metadata.creationTimestamp ?? now });
  node.status = {
    addresses: [{ type: 'InternalIP', address: id.ip }, { type: 'Hostname', address: id.name }],
    allocatable: resources,
    capacity: resources,
    conditions: [
      pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      readyCondition(networkReady, now, previous),
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: '00000000-0000-0000-0000-000000000000',
      containerRuntimeVersion: `containerd://${versions().containerd}`,
      kernelVersion: release(),
      kubeProxyVersion: '',
      kubeletVersion: `v${versions().kubernetes}`,
      machineID: id.name,
      operatingSystem: 'linux',
      osImage: osImage(),
      systemUUID: id.name,
    },
  };
  return putObject(state, node);
}

/** Mirror pods: the API's view of this node's static pods (kube-apiserver-<node> …). */
export function postMirrorPods(state: ClusterState, id: NodeIdentity, node: KObject, nowIso: string): void {
  let manifests: string[] = [];
  try {
    manifests = readdirSync(hostPath('/etc/kubernetes/manifests')).filter((f) => f.endsWith('.yaml'));
  } catch {
    // No static pods on this node.
  }
  const wanted = new Set(manifests.map((f) => `${f.replace(/\.yaml$/, '')}-${id.name}`));
  for (const pod of Object.values(state.objects)) {
    if (pod.kind === 'Pod' && pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file' && (pod.spec as PodSpec).nodeName === id.name && !wanted.has(pod.metadata.name)) {
      delete state.objects[`Pod/kube-system/${pod.metadata.name}`];
    }
  }
  for (const file of manifests) {
    const component = file.replace(/\.yaml$/, '');
    const name = `${component}-${id.name}`;
    if (getObject(state, 'Pod', 'kube-system', name)) continue;
    const image = component === 'etcd' ? 'registry.k8s.io/etcd:3.5.21-0' : `registry.k8s.io/${component}:v${versions().kubernetes}`;
    const mirror: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'kube-system',
        labels: { component, tier: 'control-plane' },
        annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': 'lab' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: id.name, uid: node.metadata.uid ?? '', controller: true }],
      },
      spec: { nodeName: id.name, hostNetwork: true, priorityClassName: 'system-node-critical', containers: [{ name: component, image }] },
      status: {
        phase: 'Running',
        hostIP: id.ip,
        podIP: id.ip,
        podIPs: [{ ip: id.ip }],
        startTime: nowIso,
        conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
        containerStatuses: [{ name: component, image, ready: true, restartCount: 0, started: true, state: { running: { startedAt: nowIso } } }],
      },
    };
    putObject(state, mirror);
  }
}

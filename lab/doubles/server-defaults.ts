// What the API server adds when it stores an object: defaults (Service type,
// protocols, targetPort, replicas…), allocated ClusterIPs and NodePorts kept
// across updates, Secret stringData folded into data, and the generation
// bumped when the spec changes.
import { listObjects, type ClusterState } from './cluster-store.js';
import { allocateClusterIp } from './endpoints.js';
import { spec, type KObject, type ServicePort, type ServiceSpec } from './k8s-types.js';
import { NODE_PORT_MAX, NODE_PORT_MIN } from './manifest-validate.js';
import { stableStringify } from './workloads.js';

function freeNodePort(state: ClusterState, taken: Set<number>): number {
  for (const svc of listObjects(state, 'Service')) for (const p of spec<ServiceSpec>(svc).ports ?? []) if (p.nodePort) taken.add(p.nodePort);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const port = NODE_PORT_MIN + Math.floor(Math.random() * (NODE_PORT_MAX - NODE_PORT_MIN + 1));
    if (!taken.has(port)) return port;
  }
  throw new Error('no free NodePort');
}

function serviceDefaults(state: ClusterState, next: KObject, existing: KObject | undefined): void {
  const svc = { ...spec<ServiceSpec>(next) };
  const before = existing ? spec<ServiceSpec>(existing) : undefined;
  const type = svc.type ?? 'ClusterIP';
  svc.type = type;
  const taken = new Set<number>((svc.ports ?? []).map((p) => p.nodePort ?? 0).filter(Boolean));
  svc.ports = (svc.ports ?? []).map((port): ServicePort => {
    const old = before?.ports?.find((p) => (port.name ? p.name === port.name : p.port === port.port));
    const wantsNodePort = type === 'NodePort' || type === 'LoadBalancer';
    const nodePort = port.nodePort ?? (wantsNodePort ? old?.nodePort ?? freeNodePort(state, taken) : undefined);
    if (nodePort) taken.add(nodePort);
    return { ...port, protocol: port.protocol ?? 'TCP', targetPort: port.targetPort ?? port.port, ...(nodePort ? { nodePort } : {}) };
  });
  if (type !== 'ExternalName') {
    const ip = svc.clusterIP ?? before?.clusterIP ?? allocateClusterIp(state);
    svc.clusterIP = ip;
    svc.clusterIPs = [ip];
    svc.ipFamilies ??= ['IPv4'];
    svc.ipFamilyPolicy ??= 'SingleStack';
    svc.internalTrafficPolicy ??= 'Cluster';
    svc.sessionAffinity ??= 'None';
    if (type !== 'ClusterIP') svc.externalTrafficPolicy ??= 'Cluster';
  }
  next.spec = svc;
}

function workloadDefaults(next: KObject): void {
  const s = { ...((next.spec ?? {}) as Record<string, unknown>) };
  s.revisionHistoryLimit ??= 10;
  if (next.kind === 'StatefulSet') {
    s.replicas ??= 1;
    s.podManagementPolicy ??= 'OrderedReady';
    s.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  } else if (next.kind === 'DaemonSet') {
    s.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  } else if (next.kind === 'Deployment') {
    s.replicas ??= 1;
    s.progressDeadlineSeconds ??= 600;
    s.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  }
  next.spec = s;
}

/** Secret stringData is write-only: it lands base64-encoded in data. */
export function foldStringData(obj: KObject): KObject {
  if (obj.kind !== 'Secret' || !obj.stringData) return obj;
  const { stringData, ...rest } = obj;
  const encoded = Object.fromEntries(Object.entries(stringData as Record<string, string>).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')]));
  return { ...rest, data: { ...((obj.data ?? {}) as Record<string, string>), ...encoded } };
}

/** The object to store for `next` (a user's manifest), given what is stored now. */
export function toStored(state: ClusterState, manifest: KObject, existing: KObject | undefined): KObject {
  const next = structuredClone(foldStringData(manifest));
  if (next.kind === 'Service') serviceDefaults(state, next, existing);
  if (['StatefulSet', 'DaemonSet', 'Deployment', 'ReplicaSet'].includes(next.kind)) workloadDefaults(next);
  if (next.kind === 'Secret') next.type ??= 'Opaque';
  if (next.kind === 'Namespace') {
    next.metadata.labels = { ...(next.metadata.labels ?? {}), 'kubernetes.io/metadata.name': next.metadata.name };
    next.spec = { finalizers: ['kubernetes'] };
    next.status = { phase: 'Active' };
  }
  if (existing) {
    next.metadata = { ...next.metadata, uid: existing.metadata.uid ?? '', ...(existing.metadata.creationTimestamp ? { creationTimestamp: existing.metadata.creationTimestamp } : {}) };
    const specChanged = stableStringify(existing.spec) !== stableStringify(next.spec);
    next.metadata.generation = (existing.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    if (existing.status !== undefined && next.kind !== 'Namespace') next.status = existing.status;
  } else {
    next.metadata.generation = 1;
  }
  return next;
}

/** True when every field the manifest sets has that value in the stored object. */
export function isSubset(manifest: unknown, live: unknown): boolean {
  if (Array.isArray(manifest)) {
    return Array.isArray(live) && manifest.length === live.length && manifest.every((item, i) => isSubset(item, live[i]));
  }
  if (manifest && typeof manifest === 'object') {
    if (!live || typeof live !== 'object' || Array.isArray(live)) return false;
    return Object.entries(manifest).every(([k, v]) => isSubset(v, (live as Record<string, unknown>)[k]));
  }
  return manifest === live;
}

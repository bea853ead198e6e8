// The workload controllers: DaemonSets put one pod on every node that fits,
// StatefulSets keep pods name-0..n-1 (ordered unless Parallel), Deployments
// keep a ReplicaSet whose pods carry the template hash. A template change
// replaces the pods; status fields are those `kubectl rollout status` reads.
import { createHash } from 'node:crypto';
import { deleteObject, listObjects, putObject, type ClusterState } from './cluster-store.js';
import { byKind, apiVersionOf } from './k8s-kinds.js';
import { conditionStatus, spec, status, type KObject, type PodSpec, type PodStatus, type Toleration, type WorkloadSpec } from './k8s-types.js';
import { nodeFits } from './scheduling.js';

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return out;
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function templateHash(template: unknown): string {
  const hex = createHash('sha256').update(stableStringify(template)).digest('hex');
  return [...hex.slice(0, 10)].map((c) => SUFFIX_ALPHABET[parseInt(c, 16) % SUFFIX_ALPHABET.length]).join('');
}

export function isPodReady(pod: KObject): boolean {
  return conditionStatus(status<PodStatus>(pod).conditions, 'Ready') === 'True';
}

export function ownedBy(state: ClusterState, owner: KObject, kind = 'Pod'): KObject[] {
  return listObjects(state, kind, owner.metadata.namespace).filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid));
}

// What the DaemonSet controller adds so its pods survive node trouble.
function daemonTolerations(podSpec: PodSpec): Toleration[] {
  const extra: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (podSpec.hostNetwork) extra.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return [...(podSpec.tolerations ?? []), ...extra];
}

function newPod(owner: KObject, name: string, labels: Record<string, string>, podSpec: PodSpec): KObject {
  const info = byKind(owner.kind);
  const template = spec<WorkloadSpec>(owner).template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace ?? 'default',
      labels: { ...(template.metadata?.labels ?? {}), ...labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: info ? apiVersionOf(info) : 'v1', kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true }],
    },
    spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', ...structuredClone(podSpec) },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

export function reconcileDaemonSet(state: ClusterState, ds: KObject, nodes: readonly KObject[]): void {
  const dsSpec = spec<WorkloadSpec>(ds);
  const hash = templateHash(dsSpec.template);
  const podSpec = { ...dsSpec.template.spec, tolerations: daemonTolerations(dsSpec.template.spec) };
  const eligible = nodes.filter((node) => nodeFits(podSpec, node).fits);
  const pods = ownedBy(state, ds);
  for (const pod of pods) {
    const node = spec<PodSpec>(pod).nodeName;
    const stale = pod.metadata.labels?.['controller-revision-hash'] !== hash;
    if (stale || !eligible.some((n) => n.metadata.name === node)) deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
  }
  const current = ownedBy(state, ds);
  for (const node of eligible) {
    if (current.some((p) => spec<PodSpec>(p).nodeName === node.metadata.name)) continue;
    const pod = newPod(ds, `${ds.metadata.name}-${randomSuffix()}`, { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) }, { ...podSpec, nodeName: node.metadata.name });
    putObject(state, pod);
  }
  const after = ownedBy(state, ds);
  const ready = after.filter(isPodReady).length;
  const desired = eligible.length;
  setStatus(state, ds, {
    currentNumberScheduled: after.length,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    ...(after.length > 0 ? { updatedNumberScheduled: after.length } : {}),
    ...(ready > 0 ? { numberAvailable: ready } : {}),
    ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
  });
}

export function reconcileStatefulSet(state: ClusterState, sts: KObject): void {
  const stsSpec = spec<WorkloadSpec>(sts);
  const replicas = stsSpec.replicas ?? 1;
  const revision = `${sts.metadata.name}-${templateHash(stsSpec.template)}`;
  const parallel = stsSpec.podManagementPolicy === 'Parallel';
  for (const pod of ownedBy(state, sts)) {
    const ordinal = Number(pod.metadata.name.slice(sts.metadata.name.length + 1));
    if (ordinal >= replicas || pod.metadata.labels?.['controller-revision-hash'] !== revision) {
      deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
    }
  }
  for (let ordinal = 0; ordinal < replicas; ordinal++) {
    const name = `${sts.metadata.name}-${ordinal}`;
    if (state.objects[`Pod/${sts.metadata.namespace ?? ''}/${name}`]) continue;
    // OrderedReady: pod n waits until pods 0..n-1 are Ready.
    const earlierReady = ownedBy(state, sts).filter((p) => Number(p.metadata.name.slice(sts.metadata.name.length + 1)) < ordinal && isPodReady(p)).length === ordinal;
    if (!parallel && !earlierReady) break;
    const labels = { 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) };
    const podSpec: PodSpec = { ...stsSpec.template.spec, hostname: name, ...(stsSpec.serviceName ? { subdomain: stsSpec.serviceName } : {}) };
    putObject(state, newPod(sts, name, labels, podSpec));
  }
  const pods = ownedBy(state, sts);
  const ready = pods.filter(isPodReady).length;
  setStatus(state, sts, {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: pods.length,
    ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
    ...(pods.length > 0 ? { currentReplicas: pods.length, updatedReplicas: pods.length } : {}),
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  });
}

export function reconcileDeployment(state: ClusterState, deploy: KObject): void {
  const deploySpec = spec<WorkloadSpec>(deploy);
  const hash = templateHash(deploySpec.template);
  const rsName = `${deploy.metadata.name}-${hash}`;
  for (const rs of ownedBy(state, deploy, 'ReplicaSet')) {
    if (rs.metadata.name !== rsName) deleteObject(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }
  let rs = state.objects[`ReplicaSet/${deploy.metadata.namespace ?? ''}/${rsName}`];
  if (!rs) {
    const template = { ...deploySpec.template, metadata: { ...deploySpec.template.metadata, labels: { ...(deploySpec.template.metadata?.labels ?? {}), 'pod-template-hash': hash } } };
    rs = putObject(state, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: deploy.metadata.namespace ?? 'default',
        labels: { ...(deploySpec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deploy.metadata.name, uid: deploy.metadata.uid ?? '', controller: true }],
      },
      spec: { replicas: deploySpec.replicas ?? 1, selector: deploySpec.selector, template },
    });
  }
  (rs.spec as WorkloadSpec).replicas = deploySpec.replicas ?? 1;
  reconcileReplicaSet(state, rs);
  const pods = ownedBy(state, rs);
  const ready = pods.filter(isPodReady).length;
  const replicas = deploySpec.replicas ?? 1;
  setStatus(state, deploy, {
    observedGeneration: deploy.metadata.generation ?? 1,
    ...(pods.length > 0 ? { replicas: pods.length, updatedReplicas: pods.length } : {}),
    ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
    ...(replicas - ready > 0 ? { unavailableReplicas: replicas - ready } : {}),
    conditions: [
      { type: 'Available', status: ready >= replicas ? 'True' : 'False', reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', message: ready >= replicas ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` },
    ],
  });
}

export function reconcileReplicaSet(state: ClusterState, rs: KObject): void {
  const rsSpec = spec<WorkloadSpec>(rs);
  const pods = ownedBy(state, rs);
  const replicas = rsSpec.replicas ?? 1;
  for (const pod of pods.slice(replicas)) deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
  for (let i = pods.length; i < replicas; i++) putObject(state, newPod(rs, `${rs.metadata.name}-${randomSuffix()}`, {}, rsSpec.template.spec));
  const after = ownedBy(state, rs);
  const ready = after.filter(isPodReady).length;
  setStatus(state, rs, { replicas: after.length, ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}), fullyLabeledReplicas: after.length, observedGeneration: rs.metadata.generation ?? 1 });
}


function setStatus(state: ClusterState, obj: KObject, next: Record<string, unknown>): void {
  if (stableStringify(obj.status) === stableStringify(next)) return;
  obj.status = next;
  putObject(state, obj);
}

// One pass of the stand-in control plane over the stored objects: node
// lifecycle, workload controllers, scheduler, garbage collector, endpoints.
// kubectl runs it before answering and every kubelet runs it on each tick,
// so the cluster moves forward whenever anyone looks at it.
import { deleteObject, listObjects, putObject, updateCluster, type ClusterState } from './cluster-store.js';
import { reconcileEndpoints } from './endpoints.js';
import { spec, status, type KObject, type PodSpec, type PodStatus } from './k8s-types.js';
import { reconcileNodes } from './node-lifecycle.js';
import { nodeFits, pickNode, unschedulableMessage } from './scheduling.js';
import { reconcileDaemonSet, reconcileDeployment, reconcileReplicaSet, reconcileStatefulSet, stableStringify } from './workloads.js';

export function reconcile(state: ClusterState, now = Date.now()): void {
  if (!state.cluster) return;
  reconcileNodes(state, now);
  collectGarbage(state);
  const nodes = listObjects(state, 'Node');
  for (const ds of listObjects(state, 'DaemonSet')) reconcileDaemonSet(state, ds, nodes);
  for (const sts of listObjects(state, 'StatefulSet')) reconcileStatefulSet(state, sts);
  for (const deploy of listObjects(state, 'Deployment')) reconcileDeployment(state, deploy);
  for (const rs of listObjects(state, 'ReplicaSet')) {
    if (!rs.metadata.ownerReferences?.length) reconcileReplicaSet(state, rs);
  }
  schedulePending(state, nodes);
  reconcileEndpoints(state);
}

/** The cluster as a client sees it right now: reconciled first (the state read under the lock is this call's own copy). */
export function reconciledSnapshot(): ClusterState {
  return updateCluster((state) => {
    reconcile(state);
    return state;
  });
}

/** Binds pods without a node to the node that fits best. */
function schedulePending(state: ClusterState, nodes: readonly KObject[]): void {
  const pods = listObjects(state, 'Pod');
  for (const pod of pods) {
    const podSpec = spec<PodSpec>(pod);
    if (podSpec.nodeName) continue;
    const fits = nodes.map((node) => ({ node, fit: nodeFits(podSpec, node) }));
    const candidates = fits.filter((f) => f.fit.fits).map((f) => f.node);
    const chosen = pickNode(candidates, listObjects(state, 'Pod'), pod.metadata.ownerReferences?.[0]?.uid);
    if (chosen) {
      pod.spec = { ...podSpec, nodeName: chosen.metadata.name };
      const podStatus = status<PodStatus>(pod);
      pod.status = { ...podStatus, conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: new Date().toISOString() }] };
      putObject(state, pod);
      continue;
    }
    const message = unschedulableMessage(fits.map((f) => f.fit.reason ?? ''), nodes.length);
    const next = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] };
    if (stableStringify(pod.status) !== stableStringify(next)) {
      pod.status = next;
      putObject(state, pod);
    }
  }
}

/** Owners gone → dependents go (cascading); pods bound to a vanished node go too. */
function collectGarbage(state: ClusterState): void {
  for (let pass = 0; pass < 4; pass++) {
    const uids = new Set(Object.values(state.objects).map((o) => o.metadata.uid));
    const nodes = new Set(listObjects(state, 'Node').map((n) => n.metadata.name));
    let removed = 0;
    for (const obj of Object.values(state.objects)) {
      const orphaned = obj.metadata.ownerReferences?.some((ref) => ref.controller && !uids.has(ref.uid));
      const nodeGone = obj.kind === 'Pod' && spec<PodSpec>(obj).nodeName !== undefined && !nodes.has(spec<PodSpec>(obj).nodeName ?? '');
      if (orphaned || nodeGone) {
        deleteObject(state, obj.kind, obj.metadata.namespace, obj.metadata.name);
        removed++;
      }
    }
    if (removed === 0) return;
  }
}


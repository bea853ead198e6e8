// Where a pod may run: taints and tolerations, nodeSelector, required node
// affinity, and the spreading choice among the nodes that fit.
import { matchesAll } from './labels.js';
import type { KObject, NodeSpec, PodSpec, Taint, Toleration } from './k8s-types.js';
import { spec } from './k8s-types.js';

export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((tol) => {
    const effectOk = !tol.effect || tol.effect === taint.effect;
    if (!effectOk) return false;
    if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
    return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
  });
}

export interface Fit {
  readonly fits: boolean;
  /** Why not, in the scheduler's words, for the pod's PodScheduled condition. */
  readonly reason?: string;
}

export function nodeFits(podSpec: PodSpec, node: KObject): Fit {
  const nodeSpec = spec<NodeSpec>(node);
  const taints = [...(nodeSpec.taints ?? [])];
  if (nodeSpec.unschedulable) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  for (const taint of taints) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(podSpec.tolerations, taint)) {
      return { fits: false, reason: `untolerated taint {${taint.key}: ${taint.value ?? ''}}` };
    }
  }
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(podSpec.nodeSelector ?? {})) {
    if (labels[key] !== value) return { fits: false, reason: "didn't match Pod's node affinity/selector" };
  }
  const terms = podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && terms.length > 0 && !terms.some((term) => matchesAll(labels, term.matchExpressions ?? []))) {
    return { fits: false, reason: "didn't match Pod's node affinity/selector" };
  }
  return { fits: true };
}

/** The scheduler's message when no node fits: "0/3 nodes are available: ...". */
export function unschedulableMessage(reasons: readonly string[], total: number): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reason, n]) => `${n} node(s) had ${reason}`);
  const detail = parts.length > 0 ? ` ${parts.join(', ')}.` : '';
  return `0/${total} nodes are available:${detail} preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

/**
 * Picks the node with the fewest pods of the same owner, then the fewest
 * pods overall, then by name: successive replicas go round robin over the
 * nodes that fit.
 */
export function pickNode(candidates: readonly KObject[], pods: readonly KObject[], ownerUid: string | undefined): KObject | undefined {
  const count = (node: string, sameOwner: boolean): number =>
    pods.filter((p) => spec<PodSpec>(p).nodeName === node && (!sameOwner || p.metadata.ownerReferences?.[0]?.uid === ownerUid)).length;
  return [...candidates].sort(
    (a, b) =>
      count(a.metadata.name, true) - count(b.metadata.name, true) ||
      count(a.metadata.name, false) - count(b.metadata.name, false) ||
      a.metadata.name.localeCompare(b.metadata.name),
  )[0];
}

// kubectl delete TYPE NAME… / -l / --all. Deleting a Namespace deletes
// everything in it; dependents of other objects go through the garbage
// collector (ownerReferences) on the next reconcile.
import { deleteObject, listObjects, updateCluster, type ClusterState } from './cluster-store.js';
import { KubectlError } from './kubectl-context.js';
import { qualifiedName, qualifiedPlural, type KindInfo } from './k8s-kinds.js';
import type { KObject } from './k8s-types.js';
import { matchesAll, type Requirement } from './labels.js';
import { reconcile } from './reconcile.js';

export function deleteWithDependents(state: ClusterState, obj: KObject): void {
  if (obj.kind === 'Namespace') {
    for (const inside of Object.values(state.objects)) {
      if (inside.metadata.namespace === obj.metadata.name) deleteObject(state, inside.kind, inside.metadata.namespace, inside.metadata.name);
    }
  }
  deleteObject(state, obj.kind, obj.metadata.namespace, obj.metadata.name);
}

export interface DeleteRequest {
  readonly info: KindInfo;
  readonly names: readonly string[];
  readonly namespace: string;
  readonly selector?: readonly Requirement[];
  readonly all: boolean;
  readonly ignoreNotFound: boolean;
}

export function deleteResources(requests: readonly DeleteRequest[]): { lines: string[]; errors: string[]; notices: string[] } {
  return updateCluster((state) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const notices: string[] = [];
    for (const req of requests) {
      const ns = req.info.namespaced ? req.namespace : undefined;
      const pool = listObjects(state, req.info.kind, ns);
      const targets = req.names.length > 0 ? req.names.map((name) => pool.find((o) => o.metadata.name === name) ?? name) : pool.filter((o) => req.all || (req.selector && matchesAll(o.metadata.labels, req.selector)));
      for (const target of targets) {
        if (typeof target === 'string') {
          if (!req.ignoreNotFound) errors.push(`Error from server (NotFound): ${qualifiedPlural(req.info)} "${target}" not found`);
          continue;
        }
        deleteWithDependents(state, target);
        lines.push(`${qualifiedName(req.info)} "${target.metadata.name}" deleted`);
      }
      if (targets.length === 0 && req.names.length === 0 && !req.ignoreNotFound) notices.push(`No resources found${ns ? ` in ${ns} namespace` : ''}`);
    }
    reconcile(state);
    return { lines, errors, notices };
  });
}

export function requireTarget(names: readonly string[], selector: unknown, all: boolean): void {
  if (names.length === 0 && selector === undefined && !all) {
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  }
}

// The smaller kubectl verbs: version, cluster-info, label, scale,
// cordon/uncordon.
import { getObject, putObject, readCluster, updateCluster } from './cluster-store.js';
import { versions } from './lab-env.js';
import { KubectlError } from './kubectl-context.js';
import { qualifiedName, qualifiedPlural, type KindInfo } from './k8s-kinds.js';
import type { KObject, NodeSpec, WorkloadSpec } from './k8s-types.js';
import { reconcile } from './reconcile.js';

const KUSTOMIZE = 'v5.6.0';

function versionInfo(): Record<string, string> {
  const v = versions().kubernetes;
  return { major: '1', minor: v.split('.')[1] ?? '', gitVersion: `v${v}`, gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2025-08-12T18:06:36Z', goVersion: 'go1.24.5', compiler: 'gc', platform: 'linux/amd64' };
}

export function clientVersionText(output: string | undefined): string {
  if (output === 'json') return `${JSON.stringify({ clientVersion: versionInfo(), kustomizeVersion: KUSTOMIZE }, null, 2)}\n`;
  return `Client Version: v${versions().kubernetes}\nKustomize Version: ${KUSTOMIZE}\n`;
}

export function serverVersionText(output: string | undefined): string {
  const server = readCluster().cluster?.kubernetesVersion ?? versions().kubernetes;
  if (output === 'json') return `${JSON.stringify({ clientVersion: versionInfo(), kustomizeVersion: KUSTOMIZE, serverVersion: { ...versionInfo(), gitVersion: `v${server}` } }, null, 2)}\n`;
  return `${clientVersionText(undefined)}Server Version: v${server}\n`;
}

export function clusterInfoText(server: string): string {
  return `Kubernetes control plane is running at ${server}\nCoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
}

function target(info: KindInfo, name: string, namespace: string): (state: ReturnType<typeof readCluster>) => KObject {
  return (state) => {
    const obj = getObject(state, info.kind, info.namespaced ? namespace : undefined, name);
    if (!obj) throw new KubectlError(`Error from server (NotFound): ${qualifiedPlural(info)} "${name}" not found`);
    return obj;
  };
}

export function label(info: KindInfo, name: string, namespace: string, changes: readonly string[], overwrite: boolean): string {
  return updateCluster((state) => {
    const obj = target(info, name, namespace)(state);
    const labels = { ...(obj.metadata.labels ?? {}) };
    let added = false;
    let removed = false;
    for (const change of changes) {
      if (change.endsWith('-')) {
        removed ||= change.slice(0, -1) in labels;
        delete labels[change.slice(0, -1)];
        continue;
      }
      const eq = change.indexOf('=');
      if (eq <= 0) throw new KubectlError(`error: invalid label spec: ${change}`);
      const key = change.slice(0, eq);
      const value = change.slice(eq + 1);
      if (key in labels && labels[key] !== value && !overwrite) throw new KubectlError(`error: '${key}' already has a value (${labels[key] ?? ''}), and --overwrite is false`);
      added ||= labels[key] !== value;
      labels[key] = value;
    }
    const verb = added ? 'labeled' : removed ? 'unlabeled' : 'not labeled';
    if (added || removed) {
      obj.metadata.labels = labels;
      putObject(state, obj);
      reconcile(state);
    }
    return `${qualifiedName(info)}/${name} ${verb}`;
  });
}

export function scale(info: KindInfo, name: string, namespace: string, replicas: number): string {
  if (!['StatefulSet', 'Deployment', 'ReplicaSet'].includes(info.kind)) throw new KubectlError(`error: no objects passed to scale`);
  return updateCluster((state) => {
    const obj = target(info, name, namespace)(state);
    const workload = obj.spec as WorkloadSpec;
    if (workload.replicas !== replicas) {
      obj.spec = { ...workload, replicas };
      obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
      putObject(state, obj);
      reconcile(state);
    }
    return `${qualifiedName(info)}/${name} scaled`;
  });
}

export function cordon(name: string, unschedulable: boolean): string {
  return updateCluster((state) => {
    const node = getObject(state, 'Node', undefined, name);
    if (!node) throw new KubectlError(`Error from server (NotFound): nodes "${name}" not found`);
    const nodeSpec = (node.spec ?? {}) as NodeSpec;
    const verb = unschedulable ? 'cordoned' : 'uncordoned';
    if (Boolean(nodeSpec.unschedulable) === unschedulable) return `node/${name} already ${verb}`;
    const next: NodeSpec = { ...nodeSpec };
    if (unschedulable) next.unschedulable = true;
    else delete next.unschedulable;
    node.spec = next;
    putObject(state, node);
    return `node/${name} ${verb}`;
  });
}

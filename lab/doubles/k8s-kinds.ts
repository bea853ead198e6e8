// The API resources the stand-in cluster serves: group, version, names and
// scope, which decide how kubectl prints them ("statefulset.apps/emqx") and
// which manifests it accepts.

export interface KindInfo {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly short: readonly string[];
  readonly namespaced: boolean;
}

const K = (kind: string, group: string, version: string, plural: string, namespaced: boolean, short: string[] = []): KindInfo => ({
  kind,
  group,
  version,
  plural,
  namespaced,
  short,
});

export const KINDS: readonly KindInfo[] = [
  K('Namespace', '', 'v1', 'namespaces', false, ['ns']),
  K('Node', '', 'v1', 'nodes', false, ['no']),
  K('Pod', '', 'v1', 'pods', true, ['po']),
  K('Service', '', 'v1', 'services', true, ['svc']),
  K('Endpoints', '', 'v1', 'endpoints', true, ['ep']),
  K('ConfigMap', '', 'v1', 'configmaps', true, ['cm']),
  K('Secret', '', 'v1', 'secrets', true),
  K('ServiceAccount', '', 'v1', 'serviceaccounts', true, ['sa']),
  K('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true, ['pvc']),
  K('PersistentVolume', '', 'v1', 'persistentvolumes', false, ['pv']),
  K('Event', '', 'v1', 'events', true, ['ev']),
  K('Deployment', 'apps', 'v1', 'deployments', true, ['deploy']),
  K('DaemonSet', 'apps', 'v1', 'daemonsets', true, ['ds']),
  K('StatefulSet', 'apps', 'v1', 'statefulsets', true, ['sts']),
  K('ReplicaSet', 'apps', 'v1', 'replicasets', true, ['rs']),
  K('ControllerRevision', 'apps', 'v1', 'controllerrevisions', true),
  K('Job', 'batch', 'v1', 'jobs', true),
  K('CronJob', 'batch', 'v1', 'cronjobs', true, ['cj']),
  K('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', true),
  K('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true, ['ing']),
  K('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true, ['netpol']),
  K('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  K('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  K('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true),
  K('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  K('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', true, ['pdb']),
  K('PriorityClass', 'scheduling.k8s.io', 'v1', 'priorityclasses', false, ['pc']),
  K('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', false, ['sc']),
  K('Lease', 'coordination.k8s.io', 'v1', 'leases', true),
  K('CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', false, ['crd', 'crds']),
];

/** What `kubectl get all` lists. */
export const ALL_KINDS = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob'];

export function apiVersionOf(info: KindInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

export function byKind(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind);
}

/** The kind an apiVersion + kind pair names, or undefined (kubectl: "no matches for kind"). */
export function resolveManifestKind(apiVersion: string, kind: string): KindInfo | undefined {
  const info = byKind(kind);
  return info && apiVersionOf(info) === apiVersion ? info : undefined;
}

/** Resolves what a user types: pods, pod, po, statefulset.apps, sts. */
export function resolveResource(name: string): KindInfo | undefined {
  const lower = name.toLowerCase();
  const [base, ...groupParts] = lower.split('.');
  const group = groupParts.join('.');
  return KINDS.find(
    (k) =>
      (group === '' || group === k.group) &&
      (base === k.plural || base === k.kind.toLowerCase() || k.short.includes(base ?? '')),
  );
}

/** "statefulset.apps", "service", "clusterrole.rbac.authorization.k8s.io" */
export function qualifiedName(info: KindInfo): string {
  return info.group === '' ? info.kind.toLowerCase() : `${info.kind.toLowerCase()}.${info.group}`;
}

/** "statefulsets.apps" as used in server error messages. */
export function qualifiedPlural(info: KindInfo): string {
  return info.group === '' ? info.plural : `${info.plural}.${info.group}`;
}

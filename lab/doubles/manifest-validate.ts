// Server-side validation for the kinds the deployment uses, with the API
// server's field paths and wording: names, workload selectors that must
// match their template, containers, and Service ports and NodePorts.
import { listObjects, type ClusterState } from './cluster-store.js';
import { matchesLabelSelector } from './labels.js';
import { isRecord, spec, type KObject, type ServiceSpec, type WorkloadSpec } from './k8s-types.js';
import { stableStringify } from './workloads.js';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet']);

function goMap(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function validateName(obj: KObject): string[] {
  const name = obj.metadata.name;
  if (obj.kind === 'Namespace' || obj.kind === 'Service') {
    return LABEL.test(name) && name.length <= 63 ? [] : [`metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`];
  }
  return SUBDOMAIN.test(name) && name.length <= 253 ? [] : [`metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`];
}

function validateContainers(prefix: string, podSpec: unknown): string[] {
  const containers = isRecord(podSpec) && Array.isArray(podSpec.containers) ? podSpec.containers : [];
  if (containers.length === 0) return [`${prefix}.containers: Required value`];
  const errors: string[] = [];
  containers.forEach((c: unknown, i) => {
    const container = isRecord(c) ? c : {};
    if (typeof container.name !== 'string' || container.name === '') errors.push(`${prefix}.containers[${i}].name: Required value`);
    if (typeof container.image !== 'string' || container.image === '') errors.push(`${prefix}.containers[${i}].image: Required value`);
  });
  return errors;
}

function validateWorkload(obj: KObject, existing: KObject | undefined): string[] {
  const workload = spec<WorkloadSpec>(obj);
  const errors: string[] = [];
  const labels = workload.template?.metadata?.labels;
  if (!workload.selector) errors.push('spec.selector: Required value');
  else if (!matchesLabelSelector(labels, workload.selector)) errors.push(`spec.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``);
  errors.push(...validateContainers('spec.template.spec', workload.template?.spec));
  if (existing && stableStringify(spec<WorkloadSpec>(existing).selector) !== stableStringify(workload.selector)) {
    errors.push(`spec.selector: Invalid value: v1.LabelSelector{MatchLabels:${goMap(workload.selector?.matchLabels)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`);
  }
  if (existing && obj.kind === 'StatefulSet') {
    const before = spec<WorkloadSpec>(existing);
    const fixed = (s: WorkloadSpec): string => stableStringify({ serviceName: s.serviceName, podManagementPolicy: s.podManagementPolicy ?? 'OrderedReady', volumeClaimTemplates: s.volumeClaimTemplates });
    if (fixed(before) !== fixed(workload)) {
      errors.push("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }
  }
  return errors;
}

function usedNodePorts(state: ClusterState, except: KObject): Set<number> {
  const used = new Set<number>();
  for (const svc of listObjects(state, 'Service')) {
    if (svc.metadata.namespace === except.metadata.namespace && svc.metadata.name === except.metadata.name) continue;
    for (const port of spec<ServiceSpec>(svc).ports ?? []) if (port.nodePort) used.add(port.nodePort);
  }
  return used;
}

function validateService(obj: KObject, state: ClusterState): string[] {
  const svc = spec<ServiceSpec>(obj);
  const errors: string[] = [];
  const type = svc.type ?? 'ClusterIP';
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) errors.push(`spec.type: Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`);
  const ports = svc.ports ?? [];
  if (ports.length === 0 && svc.clusterIP !== 'None' && type !== 'ExternalName') errors.push('spec.ports: Required value');
  const used = usedNodePorts(state, obj);
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) errors.push(`${at}.name: Required value`);
    if (port.name) {
      if (seen.has(port.name)) errors.push(`${at}.name: Duplicate value: "${port.name}"`);
      seen.add(port.name);
    }
    if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) errors.push(`${at}.port: Invalid value: ${String(port.port)}: must be between 1 and 65535, inclusive`);
    if (typeof port.targetPort === 'string' && !/^\d+$/.test(port.targetPort) && (port.targetPort.length > 15 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(port.targetPort))) {
      errors.push(`${at}.targetPort: Invalid value: "${port.targetPort}": must be no more than 15 characters`);
    }
    if (port.nodePort === undefined) return;
    if (type === 'ClusterIP') errors.push(`${at}.nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'`);
    else if (port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX) errors.push(`${at}.nodePort: Invalid value: ${port.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    else if (used.has(port.nodePort)) errors.push(`${at}.nodePort: Invalid value: ${port.nodePort}: provided port is already allocated`);
  });
  return errors;
}

/** All validation errors for an object about to be stored, or [] when valid. */
export function validate(obj: KObject, existing: KObject | undefined, state: ClusterState): string[] {
  const errors = validateName(obj);
  if (WORKLOADS.has(obj.kind)) errors.push(...validateWorkload(obj, existing));
  if (obj.kind === 'Pod') errors.push(...validateContainers('spec', obj.spec));
  if (obj.kind === 'Service') errors.push(...validateService(obj, state));
  if (obj.kind === 'Pod' && existing) {
    const strip = (o: KObject): string => stableStringify({ ...(o.spec as object), containers: undefined, nodeName: undefined });
    if (strip(existing) !== strip(obj)) errors.push('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
  }
  return errors;
}

/** "The Service "x" is invalid: a" or "...: [a, b]". */
export function invalidMessage(obj: KObject, errors: readonly string[]): string {
  const detail = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return `The ${obj.kind} "${obj.metadata.name}" is invalid: ${detail}`;
}

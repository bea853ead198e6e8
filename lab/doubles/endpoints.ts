// The endpoints controllers: a Service with a selector gets Endpoints and
// an EndpointSlice listing the pods of ITS OWN namespace whose labels match,
// Ready ones as addresses. A selector that matches nothing leaves them empty,
// which is how the 2019 tutorial's Service ended up serving nothing.
import { createHash } from 'node:crypto';
import { deleteObject, getObject, listObjects, putObject, type ClusterState } from './cluster-store.js';
import { cidrSize, nthAddress, parseCidr } from './ip-utils.js';
import { matchesMap } from './labels.js';
import { spec, status, type KObject, type PodSpec, type PodStatus, type ServicePort, type ServiceSpec } from './k8s-types.js';
import { isPodReady, stableStringify } from './workloads.js';

interface Address {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef: { kind: 'Pod'; name: string; namespace: string; uid: string };
}

/** The container port a Service port's targetPort names in this pod. */
export function resolveTargetPort(port: ServicePort, pod: KObject): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of spec<PodSpec>(pod).containers ?? []) {
    const found = container.ports?.find((p) => p.name === target);
    if (found) return found.containerPort;
  }
  return undefined;
}

export function servicePods(state: ClusterState, svc: KObject): KObject[] {
  const selector = spec<ServiceSpec>(svc).selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return listObjects(state, 'Pod', svc.metadata.namespace).filter((pod) => matchesMap(pod.metadata.labels, selector));
}

export function reconcileEndpoints(state: ClusterState): void {
  const services = listObjects(state, 'Service');
  const alive = new Set(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  for (const ep of listObjects(state, 'Endpoints')) {
    if (!alive.has(`${ep.metadata.namespace}/${ep.metadata.name}`)) deleteObject(state, 'Endpoints', ep.metadata.namespace, ep.metadata.name);
  }
  for (const svc of services) {
    const svcSpec = spec<ServiceSpec>(svc);
    if (!svcSpec.selector || Object.keys(svcSpec.selector).length === 0) continue;
    const ns = svc.metadata.namespace ?? 'default';
    const ready: Address[] = [];
    const notReady: Address[] = [];
    const ports = (svcSpec.ports ?? []).map((p) => ({ name: p.name, protocol: p.protocol ?? 'TCP', port: 0, servicePort: p }));
    for (const pod of servicePods(state, svc)) {
      const ip = status<PodStatus>(pod).podIP;
      if (!ip) continue;
      const podSpec = spec<PodSpec & { hostname?: string; subdomain?: string }>(pod);
      const address: Address = {
        ip,
        ...(podSpec.nodeName ? { nodeName: podSpec.nodeName } : {}),
        ...(podSpec.hostname && podSpec.subdomain === svc.metadata.name ? { hostname: podSpec.hostname } : {}),
        targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid ?? '' },
      };
      for (const port of ports) port.port ||= resolveTargetPort(port.servicePort, pod) ?? 0;
      (isPodReady(pod) || svcSpec.publishNotReadyAddresses ? ready : notReady).push(address);
    }
    const epPorts = ports.filter((p) => p.port > 0).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol }));
    const subsets = ready.length + notReady.length > 0 ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: epPorts }] : undefined;
    const labels = { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    upsert(state, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: ns, labels }, ...(subsets ? { subsets } : {}) });
    const sliceName = `${svc.metadata.name}-${createHash('sha256').update(svc.metadata.uid ?? '').digest('hex').slice(0, 5)}`;
    const endpoints = [...ready.map((a) => ({ a, ok: true })), ...notReady.map((a) => ({ a, ok: false }))].map(({ a, ok }) => ({
      addresses: [a.ip],
      conditions: { ready: ok, serving: ok, terminating: false },
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
      ...(a.hostname ? { hostname: a.hostname } : {}),
      targetRef: a.targetRef,
    }));
    upsert(state, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: sliceName,
        namespace: ns,
        labels: { ...(svc.metadata.labels ?? {}), 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid ?? '', controller: true }],
      },
      addressType: 'IPv4',
      endpoints: endpoints.length > 0 ? endpoints : null,
      ports: epPorts.length > 0 ? epPorts : null,
    });
  }
}

/** Writes only real changes, so resourceVersion moves when the endpoints do. */
function upsert(state: ClusterState, next: KObject): void {
  const current = getObject(state, next.kind, next.metadata.namespace, next.metadata.name);
  if (current) {
    const { metadata: _m, ...restCurrent } = current;
    const { metadata: _n, ...restNext } = next;
    if (stableStringify(restCurrent) === stableStringify(restNext) && stableStringify(current.metadata.labels) === stableStringify(next.metadata.labels)) return;
    next.metadata = { ...current.metadata, labels: next.metadata.labels ?? {} };
  }
  putObject(state, next);
}

/** A free ClusterIP from the service subnet (10.96.0.1 is the kubernetes Service). */
export function allocateClusterIp(state: ClusterState): string {
  const cidr = parseCidr(state.cluster?.serviceSubnet ?? '10.96.0.0/12') ?? { base: 0x0a600000, prefix: 12 };
  const used = new Set(listObjects(state, 'Service').map((s) => spec<ServiceSpec>(s).clusterIP));
  for (let attempt = 0; attempt < 1000; attempt++) {
    const ip = nthAddress(cidr, 11 + Math.floor(Math.random() * Math.min(cidrSize(cidr) - 12, 65_000)));
    if (!used.has(ip)) return ip;
  }
  throw new Error('no free ClusterIP in the service subnet');
}

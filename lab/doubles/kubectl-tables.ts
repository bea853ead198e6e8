// kubectl get's table columns per kind (default and -o wide), and the
// computed cells: pod STATUS and READY, node STATUS and ROLES, Service
// PORT(S), AGE in kubectl's human durations.
import { conditionStatus, spec, status, type ContainerStatus, type KObject, type NodeSpec, type NodeStatus, type PodSpec, type PodStatus, type ServiceSpec, type WorkloadSpec } from './k8s-types.js';

export interface Table {
  readonly headers: string[];
  readonly rows: string[][];
}

export function humanAge(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '<unknown>';
  const s = Math.floor((now - Date.parse(iso)) / 1000);
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return d < 365 * 2 ? `${d}d` : `${Math.floor(d / 365)}y`;
}

function containerReason(c: ContainerStatus): string | undefined {
  return c.state.waiting?.reason ?? c.state.terminated?.reason;
}

export function podStatusText(pod: KObject): string {
  const st = status<PodStatus>(pod);
  const init = st.initContainerStatuses ?? [];
  for (let i = 0; i < init.length; i++) {
    const c = init[i];
    if (!c) continue;
    const reason = c.state.waiting?.reason;
    if (reason && reason !== 'PodInitializing') return `Init:${reason}`;
    if (!c.state.terminated) return `Init:${i}/${init.length}`;
  }
  let reason = st.reason ?? st.phase ?? 'Unknown';
  for (const c of st.containerStatuses ?? []) {
    const r = containerReason(c);
    if (r) reason = r;
  }
  return reason;
}

function podReady(pod: KObject): string {
  const containers = spec<PodSpec>(pod).containers ?? [];
  const ready = (status<PodStatus>(pod).containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${containers.length}`;
}

function restarts(pod: KObject): string {
  return String((status<PodStatus>(pod).containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0));
}

export function nodeStatusText(node: KObject): string {
  const ready = conditionStatus(status<NodeStatus>(node).conditions, 'Ready');
  const text = ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'NotReady';
  return spec<NodeSpec>(node).unschedulable ? `${text},SchedulingDisabled` : text;
}

function roles(node: KObject): string {
  const list = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return list.length > 0 ? list.sort().join(',') : '<none>';
}

function servicePorts(svc: KObject): string {
  const ports = spec<ServiceSpec>(svc).ports ?? [];
  return ports.length === 0 ? '<none>' : ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function selectorText(selector: Record<string, string> | undefined): string {
  const entries = Object.entries(selector ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

function containersOf(obj: KObject): { names: string; images: string } {
  const containers = spec<WorkloadSpec>(obj).template?.spec.containers ?? [];
  return { names: containers.map((c) => c.name).join(','), images: containers.map((c) => c.image).join(',') };
}

interface Subset {
  addresses?: Array<{ ip: string }>;
  ports?: Array<{ port: number }>;
}

function endpointsText(ep: KObject): string {
  const pairs = ((ep.subsets ?? []) as Subset[]).flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)));
  if (pairs.length === 0) return '<none>';
  return pairs.length > 3 ? `${pairs.slice(0, 3).join(',')} + ${pairs.length - 3} more...` : pairs.join(',');
}

function n(value: unknown): string {
  return typeof value === 'number' ? String(value) : '0';
}

export function tableFor(kind: string, objects: readonly KObject[], wide: boolean): Table {
  const age = (o: KObject): string => humanAge(o.metadata.creationTimestamp);
  const name = (o: KObject): string => o.metadata.name;
  const st = (o: KObject): Record<string, unknown> => (o.status ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'Node': {
      const headers = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])];
      return {
        headers,
        rows: objects.map((o) => {
          const s = status<NodeStatus>(o);
          const info = s.nodeInfo ?? {};
          const ip = s.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '<none>';
          return [name(o), nodeStatusText(o), roles(o), age(o), info.kubeletVersion ?? '', ...(wide ? [ip, '<none>', info.osImage ?? '', info.kernelVersion ?? '', info.containerRuntimeVersion ?? ''] : [])];
        }),
      };
    }
    case 'Pod':
      return {
        headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
        rows: objects.map((o) => [name(o), podReady(o), podStatusText(o), restarts(o), age(o), ...(wide ? [status<PodStatus>(o).podIP ?? '<none>', spec<PodSpec>(o).nodeName ?? '<none>', '<none>', '<none>'] : [])]),
      };
    case 'Service':
      return {
        headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(wide ? ['SELECTOR'] : [])],
        rows: objects.map((o) => {
          const s = spec<ServiceSpec>(o);
          return [name(o), s.type ?? 'ClusterIP', s.clusterIP ?? '<none>', s.type === 'LoadBalancer' ? '<pending>' : '<none>', servicePorts(o), age(o), ...(wide ? [selectorText(s.selector)] : [])];
        }),
      };
    case 'Endpoints':
      return { headers: ['NAME', 'ENDPOINTS', 'AGE'], rows: objects.map((o) => [name(o), endpointsText(o), age(o)]) };
    case 'EndpointSlice':
      return {
        headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
        rows: objects.map((o) => {
          const ports = (o.ports as Array<{ port: number }> | null) ?? [];
          const eps = (o.endpoints as Array<{ addresses: string[] }> | null) ?? [];
          return [name(o), String(o.addressType ?? 'IPv4'), ports.length ? ports.map((p) => p.port).join(',') : '<unset>', eps.length ? eps.flatMap((e) => e.addresses).join(',') : '<unset>', age(o)];
        }),
      };
    case 'DaemonSet':
      return {
        headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        rows: objects.map((o) => {
          const s = st(o);
          const c = containersOf(o);
          return [name(o), n(s.desiredNumberScheduled), n(s.currentNumberScheduled), n(s.numberReady), n(s.updatedNumberScheduled), n(s.numberAvailable), selectorText(spec<WorkloadSpec>(o).template?.spec.nodeSelector), age(o), ...(wide ? [c.names, c.images, selectorText(spec<WorkloadSpec>(o).selector?.matchLabels)] : [])];
        }),
      };
    case 'StatefulSet':
      return {
        headers: ['NAME', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES'] : [])],
        rows: objects.map((o) => {
          const c = containersOf(o);
          return [name(o), `${n(st(o).readyReplicas)}/${spec<WorkloadSpec>(o).replicas ?? 1}`, age(o), ...(wide ? [c.names, c.images] : [])];
        }),
      };
    case 'Deployment':
      return {
        headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        rows: objects.map((o) => {
          const s = st(o);
          const c = containersOf(o);
          return [name(o), `${n(s.readyReplicas)}/${spec<WorkloadSpec>(o).replicas ?? 1}`, n(s.updatedReplicas), n(s.availableReplicas), age(o), ...(wide ? [c.names, c.images, selectorText(spec<WorkloadSpec>(o).selector?.matchLabels)] : [])];
        }),
      };
    case 'ReplicaSet':
      return { headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], rows: objects.map((o) => [name(o), n(spec<WorkloadSpec>(o).replicas), n(st(o).replicas), n(st(o).readyReplicas), age(o)]) };
    case 'Namespace':
      return { headers: ['NAME', 'STATUS', 'AGE'], rows: objects.map((o) => [name(o), String(st(o).phase ?? 'Active'), age(o)]) };
    case 'ConfigMap':
      return { headers: ['NAME', 'DATA', 'AGE'], rows: objects.map((o) => [name(o), String(Object.keys(o.data ?? {}).length), age(o)]) };
    case 'Secret':
      return { headers: ['NAME', 'TYPE', 'DATA', 'AGE'], rows: objects.map((o) => [name(o), String(o.type ?? 'Opaque'), String(Object.keys(o.data ?? {}).length), age(o)]) };
    case 'ServiceAccount':
      return { headers: ['NAME', 'SECRETS', 'AGE'], rows: objects.map((o) => [name(o), '0', age(o)]) };
    default:
      return { headers: ['NAME', 'AGE'], rows: objects.map((o) => [name(o), age(o)]) };
  }
}

/** tabwriter with padding 3, as kubectl prints tables. */
export function renderTable(table: Table, headers = true): string {
  const rows = headers ? [table.headers, ...table.rows] : table.rows;
  const widths = table.headers.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd() + '\n').join('');
}

// kube-proxy's NodePort part: on every node, each NodePort of a Service
// that has ready endpoints is a real listener forwarding to the endpoint's
// process. Ports whose endpoints have no process behind them (any image
// other than EMQX) are not opened. No endpoints, no listener.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { getObject, listObjects, type ClusterState } from './cluster-store.js';
import { bindAddress } from './lab-env.js';
import { spec, type KObject, type ServiceSpec } from './k8s-types.js';
import { splitHostPort } from './net-probe.js';

interface EndpointSubset {
  addresses?: Array<{ targetRef?: { name: string; namespace: string } }>;
  ports?: Array<{ name?: string; port: number }>;
}

/** nodePort → "ip:port" of the process serving it. */
export function desiredNodePorts(state: ClusterState): Map<number, string> {
  const out = new Map<number, string>();
  for (const svc of listObjects(state, 'Service')) {
    const svcSpec = spec<ServiceSpec>(svc);
    if (svcSpec.type !== 'NodePort' && svcSpec.type !== 'LoadBalancer') continue;
    const ep = getObject(state, 'Endpoints', svc.metadata.namespace, svc.metadata.name);
    const subsets = (ep?.subsets ?? []) as EndpointSubset[];
    for (const port of svcSpec.ports ?? []) {
      if (!port.nodePort) continue;
      for (const subset of subsets) {
        const target = subset.ports?.find((p) => (port.name ? p.name === port.name : true))?.port;
        const backend = target === undefined ? undefined : firstBackend(state, subset, target);
        if (backend) {
          out.set(port.nodePort, backend);
          break;
        }
      }
    }
  }
  return out;
}

function firstBackend(state: ClusterState, subset: EndpointSubset, containerPort: number): string | undefined {
  for (const address of subset.addresses ?? []) {
    const ref = address.targetRef;
    const pod: KObject | undefined = ref ? getObject(state, 'Pod', ref.namespace, ref.name) : undefined;
    const owner = pod?.metadata.ownerReferences?.[0]?.uid ?? pod?.metadata.uid;
    const backend = owner ? state.backends[owner]?.[String(containerPort)] : undefined;
    if (backend) return backend;
  }
  return undefined;
}

export class NodePortProxy {
  private readonly listeners = new Map<number, { server: Server; sockets: Set<Socket> }>();
  private backends = new Map<number, string>();

  sync(desired: Map<number, string>): void {
    this.backends = desired;
    for (const [port, listener] of this.listeners) {
      if (desired.has(port)) continue;
      for (const socket of listener.sockets) socket.destroy();
      listener.server.close();
      this.listeners.delete(port);
    }
    for (const port of desired.keys()) if (!this.listeners.has(port)) this.open(port);
  }

  closeAll(): void {
    this.sync(new Map());
  }

  private open(port: number): void {
    const sockets = new Set<Socket>();
    const server = createServer((client) => {
      const backend = this.backends.get(port);
      if (!backend) {
        client.destroy();
        return;
      }
      const { host, port: backendPort } = splitHostPort(backend);
      const upstream = connect({ host, port: backendPort });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
        s.once('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    // A port still held by a previous listener: try again on the next tick.
    server.once('error', () => this.listeners.delete(port));
    server.listen(port, bindAddress());
    this.listeners.set(port, { server, sockets });
  }
}

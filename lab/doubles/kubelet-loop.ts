// One kubelet tick against the cluster: reach the API server named in the
// kubeconfig, run this node's pods, decide which EMQX brokers this node
// hosts, then post node and pod status and run the control-plane reconcile
// in a single locked update.
import { listObjects, putObject, readCluster, updateCluster, type ClusterState } from './cluster-store.js';
import { reachApiServer } from './api-client.js';
import { EmqxBrokers } from './emqx-broker.js';
import { brokerSettings, emqxContainer, type BrokerSettings } from './emqx-settings.js';
import type { ResolvedKubeconfig } from './kubeconfig.js';
import { spec, status, type KObject, type NodeSpec, type PodSpec, type PodStatus } from './k8s-types.js';
import { postMirrorPods, postNodeStatus, type NodeIdentity } from './kubelet-node.js';
import { PodWorkers } from './kubelet-pods.js';
import { reconcile } from './reconcile.js';
import { isPodReady, stableStringify } from './workloads.js';

export class KubeletLoop {
  private workers: PodWorkers | undefined;
  private podCidr: string | undefined;
  private published = new Set<string>();

  constructor(private readonly id: NodeIdentity, private readonly brokers: EmqxBrokers) {}

  /** Returns an error description when the API server cannot be used. */
  async tick(kubeconfig: ResolvedKubeconfig, networkReady: boolean, now: number): Promise<string | undefined> {
    const reach = await reachApiServer(kubeconfig);
    if (!reach.ok) return reach.message;
    const state = readCluster();
    const node = listObjects(state, 'Node').find((n) => n.metadata.name === this.id.name);
    const podCidr = node ? spec<NodeSpec>(node).podCIDR : undefined;
    if (!this.workers || podCidr !== this.podCidr) {
      this.podCidr = podCidr;
      this.workers = new PodWorkers({ nodeName: this.id.name, nodeIp: this.id.ip, ...(podCidr ? { podCIDR: podCidr } : {}) });
    }
    const mine = listObjects(state, 'Pod').filter((p) => spec<PodSpec>(p).nodeName === this.id.name && p.metadata.annotations?.['kubernetes.io/config.source'] !== 'file');
    const statuses = this.workers.step(state, mine, now);
    const backends = await this.brokers.sync(this.brokersHere(state, statuses), this.id.ip);

    updateCluster((s) => {
      const self = postNodeStatus(s, this.id, networkReady, now);
      postMirrorPods(s, this.id, self, new Date(now).toISOString());
      for (const pod of listObjects(s, 'Pod')) {
        const next = statuses.get(pod.metadata.uid ?? '');
        if (!next || spec<PodSpec>(pod).nodeName !== this.id.name) continue;
        if (stableStringify(pod.status) === stableStringify(next)) continue;
        pod.status = next;
        putObject(s, pod);
      }
      const uids = new Set(Object.values(s.objects).map((o) => o.metadata.uid));
      // Another node may have taken a workload over since: only this node's own entries go.
      for (const uid of Object.keys(s.backends)) {
        if (!uids.has(uid) || (this.published.has(uid) && !backends[uid] && this.isMine(s.backends[uid]))) delete s.backends[uid];
      }
      for (const [uid, ports] of Object.entries(backends)) s.backends[uid] = ports;
      this.published = new Set(Object.keys(backends));
      reconcile(s, now);
    });
    return undefined;
  }

  /**
   * A workload's broker runs on the node of its first Ready pod (by name):
   * every kubelet computes the same answer from the same state.
   */
  private brokersHere(state: ClusterState, statuses: ReadonlyMap<string, PodStatus>): Map<string, BrokerSettings> {
    const wanted = new Map<string, BrokerSettings>();
    const byOwner = new Map<string, KObject[]>();
    for (const pod of listObjects(state, 'Pod')) {
      if (!emqxContainer(pod)) continue;
      const owner = pod.metadata.ownerReferences?.[0]?.uid ?? pod.metadata.uid ?? '';
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), pod]);
    }
    for (const [owner, pods] of byOwner) {
      const ready = pods
        .filter((p) => {
          const local = statuses.get(p.metadata.uid ?? '');
          return local ? local.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') : isPodReady(p);
        })
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name, undefined, { numeric: true }));
      const first = ready[0];
      const container = first ? emqxContainer(first) : undefined;
      if (first && container && spec<PodSpec>(first).nodeName === this.id.name) {
        const withIp = { ...first, status: { ...status<PodStatus>(first), ...statuses.get(first.metadata.uid ?? '') } };
        wanted.set(owner, brokerSettings(state, withIp, container));
        continue;
      }
      // Make before break: the workload moved to another node, which has not published its
      // broker yet (it does once the broker accepts connections). Keep serving until it has.
      const current = this.brokers.running(owner);
      if (first && current && this.isMine(state.backends[owner])) wanted.set(owner, current);
    }
    return wanted;
  }

  /** Whether a published backend ("ip:port" per container port) is on this node. */
  private isMine(ports: Readonly<Record<string, string>> | undefined): boolean {
    return ports !== undefined && Object.values(ports).some((addr) => addr.startsWith(`${this.id.ip}:`));
  }
}

// The kubelet's pod workers: for each pod bound to this node, set up the
// sandbox (pod network from the CNI config flannel installed, volumes), run
// init containers then containers, retry failures with a back-off, and
// report the status kubectl shows (ContainerCreating, Init:CrashLoopBackOff,
// CrashLoopBackOff, Running).
import { readdirSync, readFileSync } from 'node:fs';
import type { ClusterState } from './cluster-store.js';
import { exists, readText } from './fs-atomic.js';
import { hostPath } from './lab-env.js';
import { ipToInt, intToIp, parseCidr } from './ip-utils.js';
import type { Condition, ContainerStatus, KObject, PodSpec, PodStatus } from './k8s-types.js';
import { spec, status } from './k8s-types.js';
import { runContainer, type NodeContext, type Outcome } from './pod-behaviours.js';
import { volumeProblem } from './pod-volumes.js';

const RETRY_MS = 2000;

interface Runtime {
  startedAt: string;
  restarts: number;
  nextTry: number;
  initFailure?: { name: string; message: string };
  failure?: { name: string; message: string };
  running: boolean;
}

/** Why pods that need the pod network cannot get a sandbox yet, if so. */
export function sandboxProblem(): string | undefined {
  let files: string[] = [];
  try {
    files = readdirSync(hostPath('/etc/cni/net.d')).filter((f) => /\.(conflist|conf)$/.test(f)).sort();
  } catch {
    // No directory: no CNI.
  }
  const first = files[0];
  if (!first) return 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
  let types: string[] = [];
  try {
    const conf = JSON.parse(readFileSync(hostPath(`/etc/cni/net.d/${first}`), 'utf8')) as { type?: string; plugins?: Array<{ type?: string }> };
    types = (conf.plugins ?? [conf]).map((p) => p.type ?? '').filter(Boolean);
  } catch {
    return `failed to load CNI config list file /etc/cni/net.d/${first}`;
  }
  for (const type of types) {
    if (!exists(hostPath(`/opt/cni/bin/${type}`))) return `failed to setup network for sandbox: plugin type="${types[0] ?? type}" failed (add): failed to find plugin "${type}" in path [/opt/cni/bin]`;
  }
  if (types.includes('flannel') && !exists(hostPath('/run/flannel/subnet.env'))) {
    return 'failed to setup network for sandbox: plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory';
  }
  return undefined;
}

function flannelSubnet(): string | undefined {
  return /^FLANNEL_SUBNET=(\S+)$/m.exec(readText(hostPath('/run/flannel/subnet.env')) ?? '')?.[1];
}

export class PodWorkers {
  private readonly runtimes = new Map<string, Runtime>();

  constructor(private readonly ctx: NodeContext & { readonly nodeIp: string }) {}

  /** Desired status for every pod bound here, keyed by uid. */
  step(state: ClusterState, pods: readonly KObject[], now: number): Map<string, PodStatus> {
    const out = new Map<string, PodStatus>();
    const live = new Set(pods.map((p) => p.metadata.uid ?? ''));
    for (const uid of this.runtimes.keys()) if (!live.has(uid)) this.runtimes.delete(uid);
    const sandbox = sandboxProblem();
    const usedIps = new Set(pods.map((p) => status<PodStatus>(p).podIP).filter((ip): ip is string => ip !== undefined));
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? '';
      const podSpec = spec<PodSpec>(pod);
      const current = status<PodStatus>(pod);
      const runtime = this.runtimes.get(uid) ?? { startedAt: current.startTime ?? new Date(now).toISOString(), restarts: 0, nextTry: 0, running: false };
      this.runtimes.set(uid, runtime);
      const blocked = (podSpec.hostNetwork ? undefined : sandbox) ?? volumeProblem(state, pod);
      if (blocked) {
        out.set(uid, this.pending(pod, runtime, 'ContainerCreating', blocked));
        continue;
      }
      if (now >= runtime.nextTry && !runtime.running) this.attempt(state, pod, runtime, now);
      const ip = podSpec.hostNetwork ? this.ctx.nodeIp : current.podIP ?? this.allocateIp(usedIps);
      if (ip) usedIps.add(ip);
      out.set(uid, this.report(pod, runtime, ip));
    }
    return out;
  }

  private attempt(state: ClusterState, pod: KObject, runtime: Runtime, now: number): void {
    const podSpec = spec<PodSpec>(pod);
    const run = (list: readonly NodeContextContainer[]): { name: string; outcome: Outcome } | undefined => {
      for (const container of list) {
        const outcome = runContainer(state, pod, container, this.ctx);
        if (!outcome.ok) return { name: container.name, outcome };
      }
      return undefined;
    };
    const initFailed = run(podSpec.initContainers ?? []);
    const mainFailed = initFailed ? undefined : run(podSpec.containers ?? []);
    const failed = initFailed ?? mainFailed;
    delete runtime.initFailure;
    delete runtime.failure;
    if (failed && !failed.outcome.ok) {
      const detail = { name: failed.name, message: failed.outcome.message };
      if (initFailed) runtime.initFailure = detail;
      else runtime.failure = detail;
      if (runtime.nextTry > 0) runtime.restarts += 1;
      runtime.nextTry = now + RETRY_MS;
      return;
    }
    runtime.running = true;
  }

  private allocateIp(used: Set<string>): string | undefined {
    const cidr = parseCidr(flannelSubnet() ?? this.ctx.podCIDR ?? '10.88.0.1/16');
    if (!cidr) return undefined;
    for (let n = 2; n < 250; n++) {
      const ip = intToIp(ipToInt(intToIp(cidr.base)) + n);
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }

  private pending(pod: KObject, runtime: Runtime, reason: string, message: string): PodStatus {
    const containers = spec<PodSpec>(pod).containers ?? [];
    return {
      phase: 'Pending',
      conditions: conditions(false, false),
      containerStatuses: containers.map((c) => ({ name: c.name, image: c.image, ready: false, restartCount: 0, started: false, state: { waiting: { reason, message } } })),
      hostIP: this.ctx.nodeIp,
      startTime: runtime.startedAt,
    };
  }

  private report(pod: KObject, runtime: Runtime, ip: string | undefined): PodStatus {
    const podSpec = spec<PodSpec>(pod);
    const base = { hostIP: this.ctx.nodeIp, ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), startTime: runtime.startedAt };
    const backoff = (name: string, message: string): Record<string, Record<string, string>> => ({ waiting: { reason: 'CrashLoopBackOff', message: `back-off ${RETRY_MS / 1000}s restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid}): ${message}` } });
    if (runtime.initFailure) {
      const failure = runtime.initFailure;
      return {
        ...base,
        phase: 'Pending',
        conditions: conditions(false, false),
        initContainerStatuses: (podSpec.initContainers ?? []).map((c) => status1(c.name, c.image, false, c.name === failure.name ? runtime.restarts : 0, c.name === failure.name ? backoff(c.name, failure.message) : { waiting: { reason: 'PodInitializing' } })),
        containerStatuses: podSpec.containers.map((c) => status1(c.name, c.image, false, 0, { waiting: { reason: 'PodInitializing' } })),
      };
    }
    const statuses: ContainerStatus[] = podSpec.containers.map((c) => {
      if (runtime.failure?.name === c.name) return status1(c.name, c.image, false, runtime.restarts, backoff(c.name, runtime.failure.message));
      if (!runtime.running) return status1(c.name, c.image, false, 0, { waiting: { reason: 'ContainerCreating' } });
      return status1(c.name, c.image, true, runtime.restarts, { running: { startedAt: runtime.startedAt } });
    });
    const ready = statuses.every((s) => s.ready);
    const init = (podSpec.initContainers ?? []).map((c) => status1(c.name, c.image, false, 0, { terminated: { exitCode: '0', reason: 'Completed' } }));
    return {
      ...base,
      phase: 'Running',
      conditions: conditions(true, ready),
      ...(init.length > 0 ? { initContainerStatuses: init } : {}),
      containerStatuses: statuses,
    };
  }
}

type NodeContextContainer = PodSpec['containers'][number];

function status1(name: string, image: string, ready: boolean, restartCount: number, state: Record<string, Record<string, string>>): ContainerStatus {
  return { name, image, ready, restartCount, started: ready, state };
}

function conditions(initialized: boolean, ready: boolean): Condition[] {
  const s = (b: boolean): string => (b ? 'True' : 'False');
  return [
    { type: 'PodReadyToStartContainers', status: s(initialized || ready) },
    { type: 'Initialized', status: s(initialized) },
    { type: 'Ready', status: s(ready) },
    { type: 'ContainersReady', status: s(ready) },
    { type: 'PodScheduled', status: 'True' },
  ];
}

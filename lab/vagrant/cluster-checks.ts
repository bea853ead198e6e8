// Checks on `kubectl get … -o json` output from the master. Node checks also
// catch the Vagrant NAT pitfall: a node whose InternalIP (kubelet node-ip) or
// flannel public IP is not its private address registered the NAT NIC.
import { isRecord } from './is-record.js';

export const FLANNEL_PUBLIC_IP = 'flannel.alpha.coreos.com/public-ip';

export interface ClusterProblem {
  readonly node: string;
  readonly message: string;
}

export interface ExpectedNode {
  readonly name: string;
  readonly address: string;
}

type Json = Record<string, unknown>;


function path(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) at = isRecord(at) ? at[key] : undefined;
  return at;
}

function items(text: string): Json[] | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return `kubectl output is not JSON: ${(err as Error).message}`;
  }
  const list = path(raw, 'items');
  return Array.isArray(list) ? list.filter(isRecord) : 'kubectl output has no "items" list';
}

function arrayAt(value: unknown, ...keys: string[]): Json[] {
  const list = path(value, ...keys);
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function nodeProblems(node: Json, expected: ExpectedNode): string[] {
  const problems: string[] = [];
  const ready = arrayAt(node, 'status', 'conditions').find((c) => c['type'] === 'Ready');
  if (ready?.['status'] !== 'True') {
    const why = typeof ready?.['reason'] === 'string' ? ` (${ready['reason']})` : '';
    problems.push(`not Ready${why}`);
  }
  const internal = arrayAt(node, 'status', 'addresses').find((a) => a['type'] === 'InternalIP')?.['address'];
  if (internal !== expected.address) {
    problems.push(`InternalIP is ${String(internal)}, expected the private address ${expected.address} (kubelet node-ip on the NAT NIC?)`);
  }
  const flannel = path(node, 'metadata', 'annotations', FLANNEL_PUBLIC_IP);
  if (flannel !== expected.address) {
    problems.push(`flannel public-ip is ${String(flannel)}, expected ${expected.address} (flannel --iface on the NAT NIC?)`);
  }
  return problems;
}

/** `kubectl get nodes -o json`: every expected node present, Ready, and on its private address. */
export function checkNodes(text: string, expected: readonly ExpectedNode[]): ClusterProblem[] {
  const list = items(text);
  if (typeof list === 'string') return [{ node: 'master', message: list }];
  const problems: ClusterProblem[] = [];
  for (const want of expected) {
    const node = list.find((n) => path(n, 'metadata', 'name') === want.name);
    if (!node) {
      problems.push({ node: want.name, message: 'not registered in the cluster' });
      continue;
    }
    for (const message of nodeProblems(node, want)) problems.push({ node: want.name, message });
  }
  return problems;
}

function podProblem(pod: Json): string | undefined {
  const phase = path(pod, 'status', 'phase');
  if (phase !== 'Running') return `phase ${String(phase)}`;
  const statuses = arrayAt(pod, 'status', 'containerStatuses');
  if (statuses.length === 0) return 'no container status yet';
  const notReady = statuses.find((c) => c['ready'] !== true);
  if (!notReady) return undefined;
  const waiting = path(notReady, 'state', 'waiting', 'reason');
  return `container ${String(notReady['name'])} not ready${typeof waiting === 'string' ? ` (${waiting})` : ''}`;
}

/** `kubectl get pods -n NS -o json`: at least one pod, and every pod Running with all containers ready. */
export function checkPods(text: string, namespace: string): ClusterProblem[] {
  const list = items(text);
  if (typeof list === 'string') return [{ node: 'master', message: list }];
  if (list.length === 0) return [{ node: 'master', message: `no pods in namespace ${namespace}` }];
  const problems: ClusterProblem[] = [];
  for (const pod of list) {
    const problem = podProblem(pod);
    if (problem === undefined) continue;
    const nodeName = path(pod, 'spec', 'nodeName');
    problems.push({
      node: typeof nodeName === 'string' ? nodeName : '(unscheduled)',
      message: `pod ${namespace}/${String(path(pod, 'metadata', 'name'))}: ${problem}`,
    });
  }
  return problems;
}

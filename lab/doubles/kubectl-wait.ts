// kubectl wait --for=condition=X|delete|jsonpath=… and kubectl rollout
// status: poll the cluster (reconciling as the control plane would) until
// the condition holds or --timeout passes, with kubectl's messages.
import { sleepSync } from './fs-atomic.js';
import { KubectlError } from './kubectl-context.js';
import { qualifiedName, qualifiedPlural, type KindInfo } from './k8s-kinds.js';
import { isRecord, spec, type KObject, type WorkloadSpec } from './k8s-types.js';
import { jsonpath } from './jsonpath.js';
import { reconciledSnapshot } from './reconcile.js';
import { select, type GetOptions, type Query } from './kubectl-get.js';

const POLL_MS = 250;

type Check = (obj: KObject | undefined) => boolean;

function parseFor(spec: string): Check {
  const condition = /^condition=([^=]+)(?:=(.*))?$/i.exec(spec);
  if (condition) {
    const type = (condition[1] ?? '').toLowerCase();
    const want = (condition[2] ?? 'true').toLowerCase();
    return (obj) => {
      const conditions = isRecord(obj?.status) && Array.isArray(obj.status.conditions) ? obj.status.conditions : [];
      return conditions.some((c: unknown) => isRecord(c) && String(c.type).toLowerCase() === type && String(c.status).toLowerCase() === want);
    };
  }
  if (spec === 'delete') return (obj) => obj === undefined;
  const path = /^jsonpath=(\{[^}]*\}|[^=]+)(?:=(.*))?$/.exec(spec);
  if (path) {
    const template = path[1] ?? '';
    const want = path[2]?.replace(/^['"]|['"]$/g, '');
    return (obj) => obj !== undefined && (want === undefined ? jsonpath(template, obj) !== '' : jsonpath(template, obj) === want);
  }
  throw new KubectlError(`error: unrecognized condition: "${spec}"`);
}

export function waitFor(query: Query, opts: GetOptions, forSpec: string, timeoutMs: number): string[] {
  const check = parseFor(forSpec);
  const errors: string[] = [];
  const initial = select(reconciledSnapshot(), query, opts, errors);
  if (initial.length === 0) {
    if (forSpec === 'delete' && query.names.length > 0) return [];
    throw new KubectlError(errors[0] ?? 'error: no matching resources found');
  }
  const targets = initial.map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace }));
  const deadline = Date.now() + timeoutMs;
  const lines: string[] = [];
  for (const target of targets) {
    for (;;) {
      const obj = reconciledSnapshot().objects[`${query.info.kind}/${target.namespace ?? ''}/${target.name}`];
      if (check(obj)) {
        lines.push(`${qualifiedName(query.info)}/${target.name} ${forSpec === 'delete' ? 'deleted' : 'condition met'}`);
        break;
      }
      if (Date.now() >= deadline) {
        throw new KubectlError(`${lines.map((l) => `${l}\n`).join('')}error: timed out waiting for the condition on ${qualifiedPlural(query.info)}/${target.name}`);
      }
      sleepSync(POLL_MS);
    }
  }
  return lines;
}

/** One rollout check: done, or the "Waiting for …" line kubectl prints. */
function rolloutState(info: KindInfo, obj: KObject): { done: boolean; message: string } {
  const st = (isRecord(obj.status) ? obj.status : {}) as Record<string, number | string | undefined>;
  const num = (k: string): number => (typeof st[k] === 'number' ? st[k] : 0);
  const name = obj.metadata.name;
  const observed = num('observedGeneration') >= (obj.metadata.generation ?? 1);
  if (info.kind === 'DaemonSet') {
    const desired = num('desiredNumberScheduled');
    if (!observed) return { done: false, message: 'Waiting for daemon set spec update to be observed...' };
    if (num('updatedNumberScheduled') < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${num('updatedNumberScheduled')} out of ${desired} new pods have been updated...` };
    if (num('numberAvailable') < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${num('numberAvailable')} of ${desired} updated pods are available...` };
    return { done: true, message: `daemon set "${name}" successfully rolled out` };
  }
  if (info.kind === 'StatefulSet') {
    const replicas = spec<WorkloadSpec>(obj).replicas ?? 1;
    if (!observed) return { done: false, message: 'Waiting for statefulset spec update to be observed...' };
    if (num('readyReplicas') < replicas) return { done: false, message: `Waiting for ${replicas - num('readyReplicas')} pods to be ready...` };
    return { done: true, message: `statefulset rolling update complete ${replicas} pods at revision ${String(st.updateRevision ?? '')}...` };
  }
  if (info.kind === 'Deployment') {
    const replicas = spec<WorkloadSpec>(obj).replicas ?? 1;
    if (!observed) return { done: false, message: 'Waiting for deployment spec update to be observed...' };
    if (num('updatedReplicas') < replicas) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num('updatedReplicas')} out of ${replicas} new replicas have been updated...` };
    if (num('availableReplicas') < replicas) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num('availableReplicas')} of ${replicas} updated replicas are available...` };
    return { done: true, message: `deployment "${name}" successfully rolled out` };
  }
  throw new KubectlError(`error: no status viewer has been implemented for ${info.kind}`);
}

export function rolloutStatus(query: Query, opts: GetOptions, timeoutMs: number, watch: boolean, out: (line: string) => void): void {
  const name = query.names[0];
  if (!name) throw new KubectlError('error: required resource not specified');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const errors: string[] = [];
    const [obj] = select(reconciledSnapshot(), query, opts, errors);
    if (!obj) throw new KubectlError(errors[0] ?? `Error from server (NotFound): ${qualifiedPlural(query.info)} "${name}" not found`);
    const state = rolloutState(query.info, obj);
    if (state.message !== last) out(`${state.message}\n`);
    last = state.message;
    if (state.done) return;
    if (!watch) return;
    if (Date.now() >= deadline) throw new KubectlError('error: timed out waiting for the condition');
    sleepSync(POLL_MS);
  }
}

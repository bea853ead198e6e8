// The stand-in for the API server's storage: one JSON document in the
// directory every lab host shares, replaced atomically, updated under a lock.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJson, withLock, writeFileAtomic } from './fs-atomic.js';
import { clusterDir } from './lab-env.js';
import type { KObject } from './k8s-types.js';

export interface ClusterInfo {
  readonly clusterName: string;
  /** host:port the API server is reached at. */
  readonly endpoint: string;
  readonly advertiseAddress: string;
  readonly bindPort: number;
  readonly podSubnet?: string;
  readonly serviceSubnet: string;
  readonly dnsDomain: string;
  readonly kubernetesVersion: string;
  readonly controlPlaneNode: string;
  readonly caCertPem: string;
  readonly cgroupDriver: string;
  readonly failSwapOn: boolean;
  readonly createdAt: string;
}

export interface BootstrapToken {
  readonly id: string;
  readonly secret: string;
  /** ISO time, or null for a token that never expires (--ttl 0). */
  readonly expires: string | null;
  readonly usages: readonly string[];
  readonly groups: readonly string[];
  readonly description?: string;
}

export interface ClusterState {
  cluster: ClusterInfo | null;
  tokens: BootstrapToken[];
  objects: Record<string, KObject>;
  resourceVersion: number;
  /** Lab-only: where a workload's real process listens, per container port ("ip:port"). */
  backends: Record<string, Record<string, string>>;
}

function emptyState(): ClusterState {
  return { cluster: null, tokens: [], objects: {}, resourceVersion: 1, backends: {} };
}

function statePath(): string {
  return join(clusterDir(), 'state.json');
}

/** The CA key lives beside the state: the API server signs kubelet client certificates with it. */
export function clusterCaKeyPath(): string {
  return join(clusterDir(), 'ca.key');
}

export function readCluster(): ClusterState {
  return { ...emptyState(), ...readJson<Partial<ClusterState>>(statePath(), {}) };
}

/** Read-modify-write under the cluster lock; written only when something changed. */
export function updateCluster<T>(fn: (state: ClusterState) => T): T {
  return withLock(clusterDir(), () => {
    const state = readCluster();
    const before = JSON.stringify(state);
    const result = fn(state);
    const after = JSON.stringify(state);
    if (after !== before) writeFileAtomic(statePath(), after);
    return result;
  });
}

export function resetCluster(): void {
  withLock(clusterDir(), () => writeFileAtomic(statePath(), JSON.stringify(emptyState())));
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function getObject(state: ClusterState, kind: string, namespace: string | undefined, name: string): KObject | undefined {
  return state.objects[objectKey(kind, namespace, name)];
}

export function listObjects(state: ClusterState, kind: string, namespace?: string): KObject[] {
  return Object.values(state.objects)
    .filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace))
    .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

/** Stores an object, filling the fields the API server owns. */
export function putObject(state: ClusterState, obj: KObject): KObject {
  state.resourceVersion += 1;
  const meta = obj.metadata;
  meta.uid ??= randomUUID();
  meta.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  meta.resourceVersion = String(state.resourceVersion);
  state.objects[objectKey(obj.kind, meta.namespace, meta.name)] = obj;
  return obj;
}

export function deleteObject(state: ClusterState, kind: string, namespace: string | undefined, name: string): boolean {
  const key = objectKey(kind, namespace, name);
  if (!(key in state.objects)) return false;
  delete state.objects[key];
  state.resourceVersion += 1;
  return true;
}

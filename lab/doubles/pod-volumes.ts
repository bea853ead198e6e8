// A container's view of files: paths under a volumeMount resolve to the
// ConfigMap/Secret data or the host path behind it; environment variables
// resolve their valueFrom references.
import { join } from 'node:path';
import { getObject, type ClusterState } from './cluster-store.js';
import { hostPath } from './lab-env.js';
import type { Container, KObject, PodSpec, PodStatus, Volume } from './k8s-types.js';
import { spec, status } from './k8s-types.js';

export type ResolvedPath =
  | { readonly kind: 'data'; readonly content: string }
  | { readonly kind: 'host'; readonly path: string }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'image' };

function objectData(state: ClusterState, pod: KObject, volume: Volume): Record<string, string> | string {
  const ns = pod.metadata.namespace;
  if (volume.configMap) {
    const cm = getObject(state, 'ConfigMap', ns, volume.configMap.name);
    return cm ? ((cm.data ?? {}) as Record<string, string>) : `configmap "${volume.configMap.name}" not found`;
  }
  if (volume.secret) {
    const secret = getObject(state, 'Secret', ns, volume.secret.secretName);
    if (!secret) return `secret "${volume.secret.secretName}" not found`;
    const data = Object.fromEntries(Object.entries((secret.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    return { ...data, ...((secret.stringData ?? {}) as Record<string, string>) };
  }
  return {};
}

/** Why a pod's volumes cannot be set up (a missing ConfigMap or Secret), if they cannot. */
export function volumeProblem(state: ClusterState, pod: KObject): string | undefined {
  for (const volume of spec<PodSpec>(pod).volumes ?? []) {
    const data = objectData(state, pod, volume);
    if (typeof data === 'string') return `MountVolume.SetUp failed for volume "${volume.name}" : ${data}`;
  }
  return undefined;
}

export function resolvePath(state: ClusterState, pod: KObject, container: Container, path: string): ResolvedPath {
  const volumes = spec<PodSpec>(pod).volumes ?? [];
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const mount of mounts) {
    const base = mount.mountPath.replace(/\/+$/, '');
    if (path !== base && !path.startsWith(`${base}/`)) continue;
    const rest = path.slice(base.length).replace(/^\/+/, '');
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume) return { kind: 'missing', reason: `volume "${mount.name}" not found` };
    if (volume.hostPath) return { kind: 'host', path: hostPath(join(volume.hostPath.path, mount.subPath ?? '', rest)) };
    const data = objectData(state, pod, volume);
    if (typeof data === 'string') return { kind: 'missing', reason: data };
    const key = mount.subPath ?? rest;
    const items = volume.configMap?.items ?? volume.secret?.items;
    const mapped = items?.find((i) => i.path === key)?.key ?? key;
    const content = data[mapped];
    return content === undefined ? { kind: 'missing', reason: `open ${path}: no such file or directory` } : { kind: 'data', content };
  }
  return { kind: 'image' };
}

export function resolveEnv(state: ClusterState, pod: KObject, container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  const ns = pod.metadata.namespace;
  for (const item of container.env ?? []) {
    if (item.value !== undefined) env[item.name] = item.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
    const from = item.valueFrom;
    if (from?.secretKeyRef) {
      const secret = getObject(state, 'Secret', ns, from.secretKeyRef.name);
      const raw = (secret?.data as Record<string, string> | undefined)?.[from.secretKeyRef.key];
      const plain = (secret?.stringData as Record<string, string> | undefined)?.[from.secretKeyRef.key];
      if (raw !== undefined) env[item.name] = Buffer.from(raw, 'base64').toString('utf8');
      else if (plain !== undefined) env[item.name] = plain;
    } else if (from?.configMapKeyRef) {
      const value = (getObject(state, 'ConfigMap', ns, from.configMapKeyRef.name)?.data as Record<string, string> | undefined)?.[from.configMapKeyRef.key];
      if (value !== undefined) env[item.name] = value;
    } else if (from?.fieldRef) {
      const field = from.fieldRef.fieldPath;
      const value = field === 'metadata.name' ? pod.metadata.name : field === 'metadata.namespace' ? ns : field === 'status.podIP' ? status<PodStatus>(pod).podIP : field === 'spec.nodeName' ? spec<PodSpec>(pod).nodeName : undefined;
      if (value !== undefined) env[item.name] = value;
    }
  }
  return env;
}

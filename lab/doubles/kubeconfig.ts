// kubeconfig files: written by kubeadm like the real ones (embedded CA and
// client certificate), read by kubectl to find the server and its CA.
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { isRecord } from './k8s-types.js';
import { base64 } from './pki.js';

export interface KubeconfigInput {
  readonly server: string;
  readonly caPem: string;
  readonly user: string;
  readonly clusterName?: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  /** Paths instead of embedded data (the kubelet's rotating client certificate). */
  readonly certFile?: string;
  readonly keyFile?: string;
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  const cluster = input.clusterName ?? 'kubernetes';
  const context = `${input.user}@${cluster}`;
  const user: Record<string, string> = {};
  if (input.certPem) user['client-certificate-data'] = base64(input.certPem);
  if (input.keyPem) user['client-key-data'] = base64(input.keyPem);
  if (input.certFile) user['client-certificate'] = input.certFile;
  if (input.keyFile) user['client-key'] = input.keyFile;
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': base64(input.caPem), server: input.server }, name: cluster }],
    contexts: [{ context: { cluster, user: input.user }, name: context }],
    'current-context': context,
    kind: 'Config',
    preferences: {},
    users: [{ name: input.user, user }],
  });
}

export interface ResolvedKubeconfig {
  readonly server: string;
  readonly caPem?: string;
  readonly user: string;
  readonly namespace?: string;
}

export type KubeconfigResult = { readonly ok: true; readonly config: ResolvedKubeconfig } | { readonly ok: false; readonly error: string };

function named(list: unknown, name: string, field: string): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const entry: unknown = list.find((item: unknown) => isRecord(item) && item.name === name);
  return isRecord(entry) && isRecord(entry[field]) ? entry[field] : undefined;
}

/** The current context's server, CA and user; errors as kubectl words them. */
export function loadKubeconfig(path: string): KubeconfigResult {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, error: `error loading config file "${path}": ${(error as Error).message}` };
  }
  if (!isRecord(doc)) return { ok: false, error: `error loading config file "${path}": couldn't get version/kind; json parse error` };
  const current = typeof doc['current-context'] === 'string' ? doc['current-context'] : '';
  const context = named(doc.contexts, current, 'context');
  if (!context) return { ok: false, error: 'invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable' };
  const cluster = named(doc.clusters, String(context.cluster ?? ''), 'cluster');
  const server = typeof cluster?.server === 'string' ? cluster.server : undefined;
  if (!server) return { ok: false, error: `invalid configuration: context was not found for specified context: ${current}` };
  const caData = cluster?.['certificate-authority-data'];
  let caPem: string | undefined;
  if (typeof caData === 'string') caPem = Buffer.from(caData, 'base64').toString('utf8');
  else if (typeof cluster?.['certificate-authority'] === 'string') {
    try {
      caPem = readFileSync(cluster['certificate-authority'], 'utf8');
    } catch {
      return { ok: false, error: `unable to read certificate-authority ${cluster['certificate-authority']} for kubernetes due to open ${cluster['certificate-authority']}: no such file or directory` };
    }
  }
  return {
    ok: true,
    config: {
      server,
      ...(caPem ? { caPem } : {}),
      user: String(context.user ?? ''),
      ...(typeof context.namespace === 'string' ? { namespace: context.namespace } : {}),
    },
  };
}

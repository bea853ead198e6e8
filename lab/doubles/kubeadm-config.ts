// kubeadm's inputs: flags, or a --config file with InitConfiguration /
// ClusterConfiguration / JoinConfiguration / KubeletConfiguration documents
// (v1beta3 or v1beta4), merged into one option set per command.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { flag, flagAll, type ParsedArgs } from './cli-args.js';
import { hostPath } from './lab-env.js';
import { isRecord } from './k8s-types.js';

export class KubeadmError extends Error {}

export interface NodeRegistration {
  name?: string;
  criSocket?: string;
  ignorePreflightErrors: string[];
  kubeletExtraArgs: Record<string, string>;
  /** Undefined: kubeadm's default (control-plane NoSchedule); [] removes it. */
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

export interface KubeadmConfig {
  advertiseAddress?: string;
  bindPort?: number;
  podSubnet?: string;
  serviceSubnet?: string;
  dnsDomain?: string;
  kubernetesVersion?: string;
  controlPlaneEndpoint?: string;
  clusterName?: string;
  cgroupDriver?: string;
  failSwapOn?: boolean;
  bootstrapTokens: string[];
  node: NodeRegistration;
  discovery?: { endpoint?: string; token?: string; caCertHashes: string[]; unsafeSkip: boolean };
  controlPlaneJoin: boolean;
}

const KNOWN_VERSIONS = new Set(['kubeadm.k8s.io/v1beta3', 'kubeadm.k8s.io/v1beta4']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function rec(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** v1beta4 lists [{name, value}]; v1beta3 uses a map. */
function extraArgs(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.filter(isRecord).map((a) => [String(a.name ?? ''), String(a.value ?? '')]));
  }
  return Object.fromEntries(Object.entries(rec(value)).map(([k, v]) => [k, String(v)]));
}

function nodeRegistration(value: unknown): NodeRegistration {
  const nr = rec(value);
  const name = str(nr.name);
  const criSocket = str(nr.criSocket);
  return {
    ...(name ? { name } : {}),
    ...(criSocket ? { criSocket } : {}),
    ignorePreflightErrors: Array.isArray(nr.ignorePreflightErrors) ? nr.ignorePreflightErrors.map(String) : [],
    kubeletExtraArgs: extraArgs(nr.kubeletExtraArgs),
    ...(Array.isArray(nr.taints) ? { taints: nr.taints.filter(isRecord).map((t) => ({ key: String(t.key ?? ''), ...(t.value !== undefined ? { value: String(t.value) } : {}), effect: String(t.effect ?? '') })) } : {}),
  };
}

export function emptyConfig(): KubeadmConfig {
  return { bootstrapTokens: [], node: { ignorePreflightErrors: [], kubeletExtraArgs: {} }, controlPlaneJoin: false };
}

export function readConfigFile(path: string): KubeadmConfig {
  let text: string;
  try {
    text = readFileSync(hostPath(path), 'utf8');
  } catch {
    throw new KubeadmError(`unable to read config from "${path}" : open ${path}: no such file or directory`);
  }
  const config = emptyConfig();
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new KubeadmError(`error converting YAML to JSON: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
    const body = rec(doc.toJS());
    const apiVersion = str(body.apiVersion) ?? '';
    const kind = str(body.kind) ?? '';
    if (apiVersion === '' && kind === '') continue;
    if (apiVersion.startsWith('kubeadm.k8s.io/') && !KNOWN_VERSIONS.has(apiVersion)) {
      throw new KubeadmError(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"`);
    }
    if (kind === 'InitConfiguration') {
      const endpoint = rec(body.localAPIEndpoint);
      const address = str(endpoint.advertiseAddress);
      if (address) config.advertiseAddress = address;
      if (typeof endpoint.bindPort === 'number') config.bindPort = endpoint.bindPort;
      config.node = nodeRegistration(body.nodeRegistration);
      for (const token of Array.isArray(body.bootstrapTokens) ? body.bootstrapTokens.filter(isRecord) : []) {
        const value = str(token.token);
        if (value) config.bootstrapTokens.push(value);
      }
    } else if (kind === 'ClusterConfiguration') {
      const networking = rec(body.networking);
      const set = <K extends keyof KubeadmConfig>(key: K, value: KubeadmConfig[K] | undefined): void => {
        if (value !== undefined) config[key] = value;
      };
      set('podSubnet', str(networking.podSubnet));
      set('serviceSubnet', str(networking.serviceSubnet));
      set('dnsDomain', str(networking.dnsDomain));
      set('kubernetesVersion', str(body.kubernetesVersion));
      set('controlPlaneEndpoint', str(body.controlPlaneEndpoint));
      set('clusterName', str(body.clusterName));
    } else if (kind === 'KubeletConfiguration') {
      const driver = str(body.cgroupDriver);
      if (driver) config.cgroupDriver = driver;
      if (typeof body.failSwapOn === 'boolean') config.failSwapOn = body.failSwapOn;
    } else if (kind === 'JoinConfiguration') {
      config.node = nodeRegistration(body.nodeRegistration);
      const discovery = rec(body.discovery);
      const bootstrap = rec(discovery.bootstrapToken);
      const endpoint = str(bootstrap.apiServerEndpoint);
      const token = str(bootstrap.token) ?? str(discovery.tlsBootstrapToken);
      config.discovery = {
        ...(endpoint ? { endpoint } : {}),
        ...(token ? { token } : {}),
        caCertHashes: Array.isArray(bootstrap.caCertHashes) ? bootstrap.caCertHashes.map(String) : [],
        unsafeSkip: bootstrap.unsafeSkipCAVerification === true,
      };
      config.controlPlaneJoin = body.controlPlane !== undefined;
    }
  }
  return config;
}

/** Flags that may accompany --config, as in kubeadm; any other is an error. */
const MIXABLE = new Set(['config', 'ignore-preflight-errors', 'skip-phases', 'dry-run', 'v', 'upload-certs', 'certificate-key', 'skip-token-print', 'node-name']);

export function rejectMixedFlags(args: ParsedArgs): void {
  const mixed = [...args.values.keys()].filter((name) => !MIXABLE.has(name));
  if (flag(args, 'config') !== undefined && mixed.length > 0) {
    throw new KubeadmError(`can not mix '--config' with arguments [${mixed.sort().join(' ')}]`);
  }
}

export function ignoredChecks(args: ParsedArgs, config: KubeadmConfig): Set<string> {
  const names = [...flagAll(args, 'ignore-preflight-errors').flatMap((v) => v.split(',')), ...config.node.ignorePreflightErrors];
  return new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean));
}

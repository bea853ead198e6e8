// What kubeadm does to the kubelet in its kubelet-start phase: write the
// config and flags files the drop-in reads, restart the service, and wait
// for the kubelet to report healthy.
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { readJson, sleepSync, writeFileAtomic } from './fs-atomic.js';
import { envNumber, ENV, hostPath, labStatePath } from './lab-env.js';
import { isAlive } from './systemd-state.js';
import { getObject, readCluster } from './cluster-store.js';
import { KubeadmError } from './kubeadm-config.js';

export interface KubeletSettings {
  readonly criSocket: string;
  readonly cgroupDriver: string;
  readonly failSwapOn: boolean;
  readonly clusterDns: string;
  readonly clusterDomain: string;
  readonly nodeName?: string;
  readonly extraArgs: Readonly<Record<string, string>>;
}

function writeKubeletFiles(settings: KubeletSettings, log: (line: string) => void): void {
  const config: Record<string, unknown> = {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
    authorization: { mode: 'Webhook' },
    cgroupDriver: settings.cgroupDriver,
    clusterDNS: [settings.clusterDns],
    clusterDomain: settings.clusterDomain,
    containerRuntimeEndpoint: '',
    ...(settings.failSwapOn ? {} : { failSwapOn: false }),
    healthzBindAddress: '127.0.0.1',
    healthzPort: 10248,
    kind: 'KubeletConfiguration',
    rotateCertificates: true,
    staticPodPath: '/etc/kubernetes/manifests',
  };
  const flags = [`--container-runtime-endpoint=${settings.criSocket}`, '--pod-infra-container-image=registry.k8s.io/pause:3.10'];
  if (settings.nodeName) flags.push(`--hostname-override=${settings.nodeName}`);
  for (const [name, value] of Object.entries(settings.extraArgs)) flags.push(`--${name}=${value}`);
  log('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n');
  writeFileAtomic(hostPath('/var/lib/kubelet/kubeadm-flags.env'), `KUBELET_KUBEADM_ARGS="${flags.join(' ')}"\n`);
  log('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n');
  writeFileAtomic(hostPath('/var/lib/kubelet/config.yaml'), stringify(config));
}

function restartKubelet(log: (line: string) => void): number {
  log('[kubelet-start] Starting the kubelet\n');
  const startedAt = Date.now();
  const result = spawnSync('systemctl', ['restart', 'kubelet'], { encoding: 'utf8' });
  if (result.status !== 0) log(`[kubelet-start] WARNING: unable to start the kubelet service: [exit status ${result.status ?? 1}]\n`);
  return startedAt;
}

/** Written by the kubelet stand-in while it runs (its /healthz) and when it dies at start. */
export interface KubeletHealth {
  readonly pid: number;
  readonly time: string;
}

export interface KubeletFailure {
  readonly time: string;
  readonly message: string;
}

export function kubeletHealthPath(): string {
  return labStatePath('kubelet', 'healthz.json');
}

export function kubeletFailurePath(): string {
  return labStatePath('kubelet', 'last-error.json');
}

export type HealthResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly detail: string };

/**
 * Waits for a healthy kubelet. Real kubeadm waits up to 4m0s; the lab gives
 * up early when the kubelet has already failed to start since `since`.
 */
function waitKubeletHealthy(since: number): HealthResult {
  const timeout = envNumber(ENV.kubeletTimeoutSec, 60) * 1000;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const health = readJson<KubeletHealth | undefined>(kubeletHealthPath(), undefined);
    if (health && isAlive(health.pid) && Date.parse(health.time) >= since - 1000) return { ok: true, ms: Date.now() - since };
    const failure = readJson<KubeletFailure | undefined>(kubeletFailurePath(), undefined);
    if (failure && Date.parse(failure.time) >= since) return { ok: false, detail: failure.message };
    sleepSync(100);
  }
  return { ok: false, detail: 'timed out' };
}

export const KUBELET_UNHEALTHY = `[kubelet-check] The kubelet is not healthy after 4m0s

Unfortunately, an error has occurred, likely caused by:
	- The kubelet is not running
	- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)

If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:
	- 'systemctl status kubelet'
	- 'journalctl -xeu kubelet'
`;

export const KUBELET_UNHEALTHY_ERROR = `failed while waiting for the kubelet to start: The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get "http://127.0.0.1:10248/healthz": dial tcp 127.0.0.1:10248: connect: connection refused`;

/** Waits until the kubelet has registered its Node object. */
export function waitForNode(name: string, timeoutMs = 30_000): boolean {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (getObject(readCluster(), 'Node', undefined, name)) return true;
    sleepSync(100);
  }
  return false;
}

/**
 * The kubelet-start phase shared by init and join: write the kubelet's
 * files, restart it, wait until it is healthy. Returns the wait in ms.
 */
export function startKubelet(settings: KubeletSettings, phase: 'wait-control-plane' | 'kubelet-start', log: (line: string) => void): number {
  writeKubeletFiles(settings, log);
  const since = restartKubelet(log);
  if (phase === 'wait-control-plane') log('[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"\n');
  log('[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n');
  const health = waitKubeletHealthy(since);
  if (!health.ok) {
    log(KUBELET_UNHEALTHY);
    throw new KubeadmError(`error execution phase ${phase}: ${KUBELET_UNHEALTHY_ERROR}`);
  }
  log(`[kubelet-check] The kubelet is healthy after ${health.ms}ms\n`);
  return health.ms;
}

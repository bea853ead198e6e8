// kubeadm join: node preflight, token discovery against the cluster
// (token must exist and be unexpired, the CA hash must pin the cluster CA),
// then kubelet credentials and a kubelet restart. Failures never echo the
// token: join commands end up in logs.
import { readFileSync } from 'node:fs';
import { flag, flagAll, flagBool, type Io, type ParsedArgs } from './cli-args.js';
import { findLiveToken, TOKEN_PATTERN } from './bootstrap-tokens.js';
import { clusterCaKeyPath, getObject, readCluster } from './cluster-store.js';
import { DEFAULT_ENDPOINT } from './containerd-config.js';
import { sleepSync, writeFileAtomic } from './fs-atomic.js';
import { emptyConfig, ignoredChecks, KubeadmError, readConfigFile, rejectMixedFlags } from './kubeadm-config.js';
import { startKubelet, waitForNode } from './kubeadm-kubelet.js';
import { nthAddress, parseCidr } from './ip-utils.js';
import { JOIN_SUCCESS } from './kubeadm-output.js';
import { judge, runChecks } from './kubeadm-preflight.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { hostPath, nodeHostname } from './lab-env.js';
import { probeTcp, splitHostPort } from './net-probe.js';
import { isNodeReady } from './node-lifecycle.js';
import { caCertHash, issueLeaf } from './pki.js';

const DISCOVERY_RETRY_MS = 10_000;

export async function kubeadmJoin(args: ParsedArgs, io: Io): Promise<number> {
  rejectMixedFlags(args);
  const configPath = flag(args, 'config');
  const config = configPath ? readConfigFile(configPath) : emptyConfig();
  if (flagBool(args, 'control-plane') || config.controlPlaneJoin) throw new KubeadmError('the lab kubeadm joins worker nodes only (no --control-plane)');
  const endpoint = args.positional[1] ?? config.discovery?.endpoint;
  const token = flag(args, 'token') ?? flag(args, 'discovery-token') ?? config.discovery?.token;
  if (!endpoint || !token) throw new KubeadmError('discovery: Invalid value: "": bootstrapToken or file must be set');
  const match = TOKEN_PATTERN.exec(token);
  if (!match) throw new KubeadmError('discovery.bootstrapToken.token: Invalid value: the bootstrap token is invalid');
  const hashes = [...flagAll(args, 'discovery-token-ca-cert-hash'), ...(config.discovery?.caCertHashes ?? [])];
  const unsafe = flagBool(args, 'discovery-token-unsafe-skip-ca-verification') || (config.discovery?.unsafeSkip ?? false);
  if (hashes.length === 0 && !unsafe) {
    throw new KubeadmError('discovery.bootstrapToken: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue');
  }
  for (const hash of hashes) {
    const hex = /^sha256:([0-9a-f]*)$/.exec(hash)?.[1];
    if (hex === undefined) throw new KubeadmError(`invalid hash "${hash}", expected a "type:value" string like "sha256:<hex>"`);
    if (hex.length !== 64) throw new KubeadmError(`invalid hash "${hash}", expected a 32 byte SHA-256 hash, found ${Math.floor(hex.length / 2)} bytes`);
  }
  const nodeName = (flag(args, 'node-name') ?? config.node.name ?? nodeHostname()).toLowerCase();
  const criSocket = flag(args, 'cri-socket') ?? config.node.criSocket ?? DEFAULT_ENDPOINT;
  const known = readCluster().cluster;

  io.out('[preflight] Running pre-flight checks\n');
  const issues = await runChecks({ role: 'join', criSocket, cgroupDriver: known?.cgroupDriver ?? 'systemd', controlPlaneMinor: Number((known?.kubernetesVersion ?? '1.33.0').split('.')[1]), bindPort: 6443 });
  const fatal = judge(issues, ignoredChecks(args, config), io.err);
  if (fatal) throw new KubeadmError(fatal);

  const { host, port } = splitHostPort(endpoint, 6443);
  const deadline = Date.now() + DISCOVERY_RETRY_MS;
  let reachable = await probeTcp(host, port);
  while (reachable !== 'ok' && Date.now() < deadline) {
    sleepSync(500);
    reachable = await probeTcp(host, port);
  }
  const cluster = readCluster();
  if (reachable !== 'ok' || !cluster.cluster) {
    throw new KubeadmError(`error execution phase preflight: couldn't validate the identity of the API Server: failed to request the cluster-info ConfigMap: Get "https://${host}:${port}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${host}:${port}: connect: connection refused`);
  }
  const info = cluster.cluster;
  if (!findLiveToken(cluster, token)) {
    throw new KubeadmError(`error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${match[1] ?? ''}"`);
  }
  const actual = caCertHash(info.caCertPem);
  if (!unsafe && !hashes.includes(actual)) {
    throw new KubeadmError(`error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "${actual}" are pinned`);
  }
  const existing = getObject(cluster, 'Node', undefined, nodeName);
  if (existing && isNodeReady(existing)) {
    throw new KubeadmError(`error execution phase kubelet-start: a Node with name "${nodeName}" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node`);
  }
  io.out('[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n');
  io.out("[preflight] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.\n");

  await writeNodeCredentials(info.caCertPem, `https://${host}:${port}`, nodeName);
  const serviceCidr = parseCidr(info.serviceSubnet);
  startKubelet(
    { criSocket, cgroupDriver: info.cgroupDriver, failSwapOn: info.failSwapOn, clusterDns: serviceCidr ? nthAddress(serviceCidr, 10) : '10.96.0.10', clusterDomain: info.dnsDomain, ...(nodeName !== nodeHostname() ? { nodeName } : {}), extraArgs: config.node.kubeletExtraArgs },
    'kubelet-start',
    io.out,
  );
  io.out('[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap\n');
  if (!waitForNode(nodeName)) throw new KubeadmError('error execution phase kubelet-start: timed out waiting for the condition');
  io.out(JOIN_SUCCESS);
  return 0;
}

/** What the TLS bootstrap leaves behind: the CA, a client certificate, kubelet.conf. */
async function writeNodeCredentials(caPem: string, server: string, nodeName: string): Promise<void> {
  const caCert = hostPath('/etc/kubernetes/pki/ca.crt');
  writeFileAtomic(caCert, caPem);
  const pkiDir = hostPath('/var/lib/kubelet/pki');
  await issueLeaf({ caCert, caKey: clusterCaKeyPath(), certPath: `${pkiDir}/kubelet-client.crt`, keyPath: `${pkiDir}/kubelet-client.key`, commonName: `system:node:${nodeName}`, organization: 'system:nodes' });
  const combined = readFileSync(`${pkiDir}/kubelet-client.crt`, 'utf8') + readFileSync(`${pkiDir}/kubelet-client.key`, 'utf8');
  writeFileAtomic(`${pkiDir}/kubelet-client-current.pem`, combined, 0o600);
  const conf = kubeconfigYaml({ server, caPem, user: 'default-auth', clusterName: 'default-cluster', certFile: '/var/lib/kubelet/pki/kubelet-client-current.pem', keyFile: '/var/lib/kubelet/pki/kubelet-client-current.pem' });
  writeFileAtomic(hostPath('/etc/kubernetes/kubelet.conf'), conf, 0o600);
}


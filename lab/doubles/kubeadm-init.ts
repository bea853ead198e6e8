// kubeadm init: preflight, certificates, kubeconfigs, static Pod manifests,
// a fresh cluster state, the kubelet started and waited for, the node marked
// as control plane, a bootstrap token, and the output users copy from.
import { copyFileSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { flag, type Io, type ParsedArgs } from './cli-args.js';
import { addToken, DEFAULT_TTL_MS, generateToken, TOKEN_PATTERN } from './bootstrap-tokens.js';
import { clusterCaKeyPath, getObject, putObject, resetCluster, updateCluster, type ClusterInfo } from './cluster-store.js';
import { installClusterObjects } from './cluster-addons.js';
import { DEFAULT_ENDPOINT } from './containerd-config.js';
import { parseDuration } from './cli-args.js';
import { ignoredChecks, KubeadmError, readConfigFile, rejectMixedFlags, emptyConfig, type KubeadmConfig } from './kubeadm-config.js';
import { writeKubeconfigs, writeManifests, writePki } from './kubeadm-files.js';
import { startKubelet, waitForNode } from './kubeadm-kubelet.js';
import { judge, runChecks } from './kubeadm-preflight.js';
import { controlPlaneVersion, initSuccessText } from './kubeadm-output.js';
import { defaultNodeIp, hostPath, nodeHostname } from './lab-env.js';
import { nthAddress, parseCidr } from './ip-utils.js';
import { caCertHash } from './pki.js';
import type { NodeSpec } from './k8s-types.js';


export async function kubeadmInit(args: ParsedArgs, io: Io): Promise<number> {
  if (flag(args, 'dry-run') !== undefined || flag(args, 'skip-phases') !== undefined) {
    throw new KubeadmError('the lab kubeadm does not support --dry-run or --skip-phases');
  }
  rejectMixedFlags(args);
  const configPath = flag(args, 'config');
  const config: KubeadmConfig = configPath ? readConfigFile(configPath) : emptyConfig();
  const version = controlPlaneVersion(flag(args, 'kubernetes-version') ?? config.kubernetesVersion, io);
  const advertiseAddress = flag(args, 'apiserver-advertise-address') ?? config.advertiseAddress ?? defaultNodeIp();
  if (isIP(advertiseAddress) === 0) throw new KubeadmError(`couldn't use "${advertiseAddress}" as "apiserver-advertise-address", must be ipv4 or ipv6 address`);
  const bindPort = Number(flag(args, 'apiserver-bind-port') ?? config.bindPort ?? 6443);
  const podSubnet = flag(args, 'pod-network-cidr') ?? config.podSubnet;
  if (podSubnet !== undefined && !parseCidr(podSubnet)) throw new KubeadmError(`networking.podSubnet: Invalid value: "${podSubnet}": couldn't parse subnet`);
  const serviceSubnet = flag(args, 'service-cidr') ?? config.serviceSubnet ?? '10.96.0.0/12';
  const serviceCidr = parseCidr(serviceSubnet);
  if (!serviceCidr) throw new KubeadmError(`networking.serviceSubnet: Invalid value: "${serviceSubnet}": couldn't parse subnet`);
  const nodeName = (flag(args, 'node-name') ?? config.node.name ?? nodeHostname()).toLowerCase();
  const criSocket = flag(args, 'cri-socket') ?? config.node.criSocket ?? DEFAULT_ENDPOINT;
  const cgroupDriver = config.cgroupDriver ?? 'systemd';
  const endpoint = flag(args, 'control-plane-endpoint') ?? config.controlPlaneEndpoint ?? `${advertiseAddress}:${bindPort}`;
  const token = flag(args, 'token') ?? config.bootstrapTokens[0] ?? generateToken();
  if (!TOKEN_PATTERN.test(token)) throw new KubeadmError(`the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  const ttlMs = parseDuration(flag(args, 'token-ttl') ?? '24h0m0s') ?? DEFAULT_TTL_MS;
  const minor = Number(version.split('.')[1]);

  io.out(`[init] Using Kubernetes version: v${version}\n[preflight] Running pre-flight checks\n`);
  const issues = await runChecks({ role: 'init', criSocket, cgroupDriver, controlPlaneMinor: minor, bindPort });
  const fatal = judge(issues, ignoredChecks(args, config), io.err);
  if (fatal) throw new KubeadmError(fatal);
  io.out("[preflight] Pulling images required for setting up a Kubernetes cluster\n[preflight] This might take a minute or two, depending on the speed of your internet connection\n[preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n");

  const serviceIp = nthAddress(serviceCidr, 1);
  const plane = { nodeName, advertiseAddress, bindPort, endpoint, serviceIp, serviceSubnet, version, ...(podSubnet ? { podSubnet } : {}) };
  await writePki(plane, io.out);
  await writeKubeconfigs(plane, io.out);
  writeManifests(plane, io.out);

  const caPem = readFileSync(hostPath('/etc/kubernetes/pki/ca.crt'), 'utf8');
  const info: ClusterInfo = {
    clusterName: config.clusterName ?? 'kubernetes',
    endpoint,
    advertiseAddress,
    bindPort,
    ...(podSubnet ? { podSubnet } : {}),
    serviceSubnet,
    dnsDomain: config.dnsDomain ?? 'cluster.local',
    kubernetesVersion: version,
    controlPlaneNode: nodeName,
    caCertPem: caPem,
    cgroupDriver,
    failSwapOn: config.failSwapOn ?? true,
    createdAt: new Date().toISOString(),
  };
  resetCluster();
  copyFileSync(hostPath('/etc/kubernetes/pki/ca.key'), clusterCaKeyPath());
  const dnsIp = nthAddress(serviceCidr, 10);
  updateCluster((state) => {
    state.cluster = info;
    installClusterObjects(state, info, serviceIp, dnsIp);
    addToken(state, token, ttlMs);
  });

  startKubelet(
    { criSocket, cgroupDriver, failSwapOn: info.failSwapOn, clusterDns: dnsIp, clusterDomain: info.dnsDomain, ...(nodeName !== nodeHostname() ? { nodeName } : {}), extraArgs: config.node.kubeletExtraArgs },
    'wait-control-plane',
    io.out,
  );
  io.out('[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s\n');
  io.out(`[control-plane-check] Checking kube-apiserver at https://${advertiseAddress}:${bindPort}/livez\n`);
  if (!waitForNode(nodeName)) throw new KubeadmError(`error execution phase mark-control-plane: error patching node "${nodeName}" through apiserver: timed out waiting for the condition`);
  io.out('[control-plane-check] kube-apiserver is healthy after 1.5s\n');
  io.out('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n');
  io.out('[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n');
  io.out('[upload-certs] Skipping phase. Please see --upload-certs\n');
  markControlPlane(nodeName, config, io);
  io.out(`[bootstrap-token] Using token: ${token}\n[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles\n`);
  io.out('[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace\n');
  io.out('[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key\n');
  io.out('[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n\n');
  io.out(initSuccessText(endpoint, flag(args, 'skip-token-print') !== undefined ? '<value withheld>' : token, caCertHash(caPem)));
  return 0;
}


function markControlPlane(nodeName: string, config: KubeadmConfig, io: Io): void {
  const taints = config.node.taints ?? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  io.out(`[mark-control-plane] Marking the node ${nodeName} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]\n`);
  if (taints.length > 0) io.out(`[mark-control-plane] Marking the node ${nodeName} as control-plane by adding the taints [${taints.map((t) => `${t.key}:${t.effect}`).join(' ')}]\n`);
  updateCluster((state) => {
    const node = getObject(state, 'Node', undefined, nodeName);
    if (!node) return;
    node.metadata.labels = { ...(node.metadata.labels ?? {}), 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' };
    const nodeSpec = (node.spec ?? {}) as NodeSpec;
    node.spec = { ...nodeSpec, taints: [...(nodeSpec.taints ?? []).filter((t) => !taints.some((n) => n.key === t.key)), ...taints] };
    putObject(state, node);
  });
}

// The kubelet stand-in, run by the systemd stand-in as kubelet.service.
// Startup fails the way the real kubelet does (no config yet, swap on, no
// container runtime), which makes the unit crash-loop until kubeadm has
// run. Once up it ticks: serve static pods (the API server endpoint on the
// control plane), post node status, run this node's pods, run EMQX brokers,
// open NodePorts, and drive the shared control-plane reconcile.
import { rmSync } from 'node:fs';
import { parse } from 'yaml';
import { flag, parseArgs, UsageError } from './cli-args.js';
import { ApiServerEndpoint, apiServerFromManifest } from './apiserver-endpoint.js';
import { readCluster } from './cluster-store.js';
import { criStatus, DEFAULT_ENDPOINT } from './containerd-config.js';
import { cniConfigured } from './crictl.js';
import { EmqxBrokers } from './emqx-broker.js';
import { exists, readText, writeFileAtomic } from './fs-atomic.js';
import { kubeletFailurePath, kubeletHealthPath } from './kubeadm-kubelet.js';
import { defaultNodeIp, envNumber, ENV, hostPath, isMain, nodeHostname, onRootRemoved, versions } from './lab-env.js';
import { isRecord } from './k8s-types.js';
import { loadKubeconfig } from './kubeconfig.js';
import { NodePortProxy, desiredNodePorts } from './kube-proxy.js';
import { KubeletLoop } from './kubelet-loop.js';
import { activeSwaps } from './swap-state.js';
import { klog } from './klog.js';

const FLAGS = ['kubeconfig', 'bootstrap-kubeconfig', 'config', 'hostname-override', 'node-ip', 'container-runtime-endpoint', 'pod-infra-container-image', 'fail-swap-on', 'cgroup-driver', 'v', 'node-labels', 'register-with-taints', 'cluster-dns', 'cluster-domain', 'resolv-conf', 'provider-id', 'max-pods'].map((name) => ({ names: [name] }));

function fatal(message: string): never {
  writeFileAtomic(kubeletFailurePath(), `${JSON.stringify({ time: new Date().toISOString(), message })}\n`);
  process.stderr.write(klog('E', 'run.go:72', `"command failed" err="${message.replace(/"/g, '\\"')}"`));
  process.exit(1);
}

interface KubeletConfig {
  failSwapOn: boolean;
  containerRuntimeEndpoint?: string;
}

function readConfig(path: string | undefined): KubeletConfig {
  if (!path) return { failSwapOn: true };
  const text = readText(hostPath(path));
  if (text === undefined) {
    fatal(`failed to load kubelet config file, path: ${path}, error: failed to load Kubelet config file ${path}, error failed to read kubelet config file "${path}", error: open ${path}: no such file or directory`);
  }
  const doc: unknown = parse(text);
  const body = isRecord(doc) ? doc : {};
  const endpoint = typeof body.containerRuntimeEndpoint === 'string' && body.containerRuntimeEndpoint !== '' ? body.containerRuntimeEndpoint : undefined;
  return { failSwapOn: body.failSwapOn !== false, ...(endpoint ? { containerRuntimeEndpoint: endpoint } : {}) };
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--version')) {
    process.stdout.write(`Kubernetes v${versions().kubernetes}\n`);
    return;
  }
  let args;
  try {
    args = parseArgs(argv, FLAGS);
  } catch (error) {
    if (error instanceof UsageError) fatal(`failed to parse kubelet flag: ${error.message}`);
    throw error;
  }
  rmSync(kubeletFailurePath(), { force: true });
  const config = readConfig(flag(args, 'config'));
  const kubeconfig = flag(args, 'kubeconfig');
  const bootstrap = flag(args, 'bootstrap-kubeconfig');
  if (kubeconfig && !exists(hostPath(kubeconfig)) && !(bootstrap && exists(hostPath(bootstrap)))) {
    fatal(`failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${bootstrap ?? kubeconfig}: no such file or directory`);
  }
  const failSwapOn = flag(args, 'fail-swap-on') !== 'false' && config.failSwapOn;
  if (failSwapOn && activeSwaps().length > 0) fatal('failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false');
  const endpoint = flag(args, 'container-runtime-endpoint') ?? config.containerRuntimeEndpoint ?? DEFAULT_ENDPOINT;
  const cri = criStatus(endpoint);
  if (!cri.ok) fatal(`failed to run Kubelet: ${cri.message}`);

  const identity = { name: (flag(args, 'hostname-override') ?? nodeHostname()).toLowerCase(), ip: flag(args, 'node-ip') ?? defaultNodeIp(), criSocket: endpoint };
  process.stdout.write(klog('I', 'server.go:530', `"Kubelet version" kubeletVersion="v${versions().kubernetes}"`));
  const apiserver = new ApiServerEndpoint();
  const brokers = new EmqxBrokers();
  const proxy = new NodePortProxy();
  const loop = new KubeletLoop(identity, brokers);
  const interval = envNumber(ENV.kubeletIntervalMs, 500);
  let stopping = false;
  const shutdown = (): void => {
    stopping = true;
    brokers.stopAll();
    proxy.closeAll();
    apiserver.close();
    rmSync(kubeletHealthPath(), { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  onRootRemoved(shutdown);
  let lastError = '';
  while (!stopping) {
    writeFileAtomic(kubeletHealthPath(), `${JSON.stringify({ pid: process.pid, time: new Date().toISOString() })}\n`);
    apiserver.sync(apiServerFromManifest());
    try {
      const loaded = kubeconfig ? loadKubeconfig(hostPath(kubeconfig)) : undefined;
      if (loaded?.ok) {
        const problem = await loop.tick(loaded.config, cniConfigured(), Date.now());
        if (problem) throw new Error(problem);
        proxy.sync(desiredNodePorts(readCluster()));
      }
      lastError = '';
    } catch (error) {
      const message = (error as Error).message;
      if (message !== lastError) process.stderr.write(klog('E', 'kubelet_node_status.go:107', `"Unable to register node with API server" err="${message}" node="${identity.name}"`));
      lastError = message;
      if (!readCluster().cluster) {
        brokers.stopAll();
        proxy.closeAll();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

if (isMain(import.meta.url)) {
  await main(process.argv.slice(2));
}

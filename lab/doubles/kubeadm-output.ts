// kubeadm's fixed texts: version resolution and its warnings, the success
// message of init and join, `kubeadm version` and the image list.
import type { Io } from './cli-args.js';
import { versions } from './lab-env.js';
import { KubeadmError } from './kubeadm-config.js';
import { klog } from './klog.js';

/**
 * The control plane version: given, or (like kubeadm without internet
 * access) the client's own version after the failed stable-1 lookup.
 */
export function controlPlaneVersion(requested: string | undefined, io: Io): string {
  const own = versions().kubernetes;
  if (requested === undefined || requested.startsWith('stable') || requested === 'latest') {
    const label = requested ?? 'stable-1';
    io.err(klog('W', 'version.go:109', `could not fetch a Kubernetes version from the internet: unable to get URL "https://dl.k8s.io/release/${label}.txt": Get "https://dl.k8s.io/release/${label}.txt": dial tcp: lookup dl.k8s.io: no such host`));
    io.err(klog('W', 'version.go:110', `falling back to the local client version: v${own}`));
    return own;
  }
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(requested);
  if (!match) throw new KubeadmError(`couldn't parse Kubernetes version "${requested}": illegal version string "${requested}"`);
  const [ownMajor, ownMinor] = own.split('.').map(Number);
  const minor = Number(match[2]);
  if (Number(match[1]) !== ownMajor || minor > (ownMinor ?? 0)) {
    throw new KubeadmError(`this version of kubeadm only supports deploying clusters with the control plane version >= 1.${(ownMinor ?? 1) - 1}.0. Current version: v${requested.replace(/^v/, '')}`);
  }
  if (minor < (ownMinor ?? 0) - 1) {
    throw new KubeadmError(`this version of kubeadm only supports deploying clusters with the control plane version >= 1.${(ownMinor ?? 1) - 1}.0. Current version: v${requested.replace(/^v/, '')}`);
  }
  return `${match[1]}.${match[2]}.${match[3]}`;
}

export function initSuccessText(endpoint: string, token: string, caHash: string): string {
  return `Your Kubernetes control-plane has initialized successfully!

To start using your cluster, you need to run the following as a regular user:

  mkdir -p $HOME/.kube
  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config
  sudo chown $(id -u):$(id -g) $HOME/.kube/config

Alternatively, if you are the root user, you can run:

  export KUBECONFIG=/etc/kubernetes/admin.conf

You should now deploy a pod network to the cluster.
Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:
  https://kubernetes.io/docs/concepts/cluster-administration/addons/

Then you can join any number of worker nodes by running the following on each as root:

kubeadm join ${endpoint} --token ${token} \\
	--discovery-token-ca-cert-hash ${caHash} 
`;
}

export const JOIN_SUCCESS = `
This node has joined the cluster:
* Certificate signing request was sent to apiserver and a response was received.
* The Kubelet was informed of the new secure connection details.

Run 'kubectl get nodes' on the control-plane to see this node join the cluster.

`;

export function versionText(output: string | undefined): string {
  const v = versions().kubernetes;
  const info = {
    major: '1',
    minor: v.split('.')[1] ?? '',
    gitVersion: `v${v}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-08-12T18:06:36Z',
    goVersion: 'go1.24.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
  if (output === 'short') return `v${v}\n`;
  if (output === 'json') return `${JSON.stringify({ clientVersion: info }, null, 2)}\n`;
  if (output === 'yaml') return `clientVersion:\n${Object.entries(info).map(([k, val]) => `  ${k}: ${val === '1' || /^\d+$/.test(val) ? `"${val}"` : val}`).join('\n')}\n`;
  return `kubeadm version: &version.Info{Major:"1", Minor:"${info.minor}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"v${v}", GitCommit:"${info.gitCommit}", GitTreeState:"clean", BuildDate:"${info.buildDate}", GoVersion:"${info.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`;
}

export function imageList(version: string): string[] {
  return [
    `registry.k8s.io/kube-apiserver:v${version}`,
    `registry.k8s.io/kube-controller-manager:v${version}`,
    `registry.k8s.io/kube-scheduler:v${version}`,
    `registry.k8s.io/kube-proxy:v${version}`,
    'registry.k8s.io/coredns/coredns:v1.12.0',
    'registry.k8s.io/pause:3.10',
    'registry.k8s.io/etcd:3.5.21-0',
  ];
}

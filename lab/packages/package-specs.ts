// The stand-in packages: real names, realistic versions and dependencies
// (those a Debian lab host can satisfy without a distribution mirror), the
// real files at the real paths, and maintainer scripts doing what the real
// ones do. Descriptions say they are lab stand-ins.
import { posix } from 'node:path';
import { launcher, type StampedVersions } from './bundle.js';
import { PACKAGED_CONFIG } from '../doubles/containerd-default-config.js';
import { CONTAINERD_SERVICE, DAEMON_RELOAD, enableAndStart, KUBEADM_DROP_IN, KUBELET_SERVICE, reloadAfterRemove, stopOnRemove } from './unit-files.js';

export interface FileEntry {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

export interface PackageSpec {
  readonly name: string;
  readonly version: string;
  readonly architecture: 'amd64' | 'all';
  readonly section: string;
  readonly homepage: string;
  readonly description: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly files: readonly FileEntry[];
  readonly dirs?: readonly string[];
  readonly conffiles?: readonly string[];
  /** Directory name under /usr/lib/deckhand-lab/ holding the doubles' code. */
  readonly runtime?: string;
  readonly versions: StampedVersions;
  readonly scripts?: Readonly<Partial<Record<'postinst' | 'prerm' | 'postrm', string>>>;
}

export const KUBERNETES_VERSIONS = ['1.33.3', '1.33.4'];
export const CONTAINERD_VERSION = '1.7.27';
export const CRI_TOOLS_VERSION = '1.33.0';
export const CNI_VERSION = '1.6.0';
export const CNI_PLUGINS = ['bandwidth', 'bridge', 'dhcp', 'dummy', 'firewall', 'host-device', 'host-local', 'ipvlan', 'loopback', 'macvlan', 'portmap', 'ptp', 'sbr', 'static', 'tap', 'tuning', 'vlan', 'vrf'];

const K8S_HOME = 'https://kubernetes.io';
const SUFFIX = '\n This is a deckhand lab stand-in, not the real program: it models the\n behaviour that deployment roles rely on. See docs/lab-doubles.md.';

function bin(path: string, runtime: string, module: string): FileEntry {
  return { path, content: launcher(posix.relative(posix.dirname(path), `/usr/lib/deckhand-lab/${runtime}/${module}`)), mode: 0o755 };
}

function stub(path: string, text: string): FileEntry {
  return { path, content: `#!/bin/sh\n# ${text} (lab stand-in)\n${text.includes('runc') ? 'if [ "$1" = "--version" ]; then printf "runc version 1.2.5\\ncommit: v1.2.5-0-g59923ef\\nspec: 1.2.0\\ngo: go1.23.7\\nlibseccomp: 2.5.4\\n"; exit 0; fi\n' : ''}echo "${text}: not available in the lab" >&2\nexit 1\n`, mode: 0o755 };
}

function kubernetesPackages(version: string, versions: StampedVersions): PackageSpec[] {
  const debVersion = `${version}-1.1`;
  const stamp = { ...versions, kubernetes: version };
  return [
    {
      name: 'kubelet',
      version: debVersion,
      architecture: 'amd64',
      section: 'admin',
      homepage: K8S_HOME,
      description: `Node agent for Kubernetes clusters${SUFFIX}`,
      fields: { Depends: `iproute2, mount, util-linux, kubernetes-cni (>= 1.2.0)` },
      runtime: 'kubelet',
      versions: stamp,
      files: [bin('/usr/bin/kubelet', 'kubelet', 'kubelet.js'), { path: '/usr/lib/systemd/system/kubelet.service', content: KUBELET_SERVICE, mode: 0o644 }],
      dirs: ['/etc/kubernetes/manifests'],
      scripts: { postinst: enableAndStart('kubelet.service'), prerm: stopOnRemove('kubelet.service'), postrm: reloadAfterRemove('kubelet.service') },
    },
    {
      name: 'kubeadm',
      version: debVersion,
      architecture: 'amd64',
      section: 'admin',
      homepage: K8S_HOME,
      description: `Command-line utility for administering a Kubernetes cluster${SUFFIX}`,
      fields: { Depends: `cri-tools (>= 1.30.0)` },
      runtime: 'kubeadm',
      versions: stamp,
      files: [bin('/usr/bin/kubeadm', 'kubeadm', 'kubeadm.js'), { path: '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', content: KUBEADM_DROP_IN, mode: 0o644 }],
      scripts: { postinst: DAEMON_RELOAD },
    },
    {
      name: 'kubectl',
      version: debVersion,
      architecture: 'amd64',
      section: 'admin',
      homepage: K8S_HOME,
      description: `Command-line utility for interacting with a Kubernetes cluster${SUFFIX}`,
      runtime: 'kubectl',
      versions: stamp,
      files: [bin('/usr/bin/kubectl', 'kubectl', 'kubectl.js')],
    },
  ];
}

export function packageSpecs(): PackageSpec[] {
  const base: StampedVersions = { kubernetes: KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1] ?? '1.33.4', containerd: CONTAINERD_VERSION, criTools: CRI_TOOLS_VERSION, cni: CNI_VERSION };
  return [
    ...KUBERNETES_VERSIONS.flatMap((v) => kubernetesPackages(v, base)),
    {
      name: 'cri-tools',
      version: `${CRI_TOOLS_VERSION}-1.1`,
      architecture: 'amd64',
      section: 'admin',
      homepage: K8S_HOME,
      description: `Command-line utility for interacting with a container runtime${SUFFIX}`,
      runtime: 'cri-tools',
      versions: base,
      files: [bin('/usr/bin/crictl', 'cri-tools', 'crictl.js')],
    },
    {
      name: 'kubernetes-cni',
      version: `${CNI_VERSION}-1.1`,
      architecture: 'amd64',
      section: 'admin',
      homepage: K8S_HOME,
      description: `Binaries required to provision kubernetes container networking${SUFFIX}`,
      versions: base,
      files: CNI_PLUGINS.map((p) => ({ path: `/opt/cni/bin/${p}`, content: `#!/bin/sh\n# ${p} CNI plugin (lab stand-in)\n[ "$1" = "version" ] && echo "CNI ${p} plugin v${CNI_VERSION}"\nexit 0\n`, mode: 0o755 })),
    },
    {
      name: 'containerd.io',
      version: `${CONTAINERD_VERSION}-1`,
      architecture: 'amd64',
      section: 'devel',
      homepage: 'https://containerd.io',
      description: `An open and reliable container runtime${SUFFIX}`,
      fields: { Depends: 'libc6 (>= 2.34), libseccomp2 (>= 2.5.0)', Conflicts: 'containerd, runc', Replaces: 'containerd, runc', Provides: 'containerd, runc' },
      runtime: 'containerd.io',
      versions: base,
      files: [
        bin('/usr/bin/containerd', 'containerd.io', 'containerd.js'),
        bin('/usr/bin/ctr', 'containerd.io', 'ctr.js'),
        stub('/usr/bin/containerd-shim-runc-v2', 'containerd-shim-runc-v2'),
        stub('/usr/bin/runc', 'runc'),
        { path: '/lib/systemd/system/containerd.service', content: CONTAINERD_SERVICE, mode: 0o644 },
        { path: '/etc/containerd/config.toml', content: PACKAGED_CONFIG, mode: 0o644 },
      ],
      conffiles: ['/etc/containerd/config.toml'],
      scripts: { postinst: enableAndStart('containerd.service'), prerm: stopOnRemove('containerd.service'), postrm: reloadAfterRemove('containerd.service') },
    },
  ];
}

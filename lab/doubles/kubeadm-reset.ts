// kubeadm reset: stop the kubelet, remove what init/join wrote, and on the
// control plane wipe the cluster (its etcd); a worker leaves the Node object
// behind, as the real command does.
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { flagBool, type Io, type ParsedArgs } from './cli-args.js';
import { resetCluster } from './cluster-store.js';
import { exists } from './fs-atomic.js';
import { hostPath, labStatePath } from './lab-env.js';
import { KubeadmError } from './kubeadm-config.js';

export function kubeadmReset(args: ParsedArgs, stdin: string, io: Io): number {
  if (!flagBool(args, 'force')) {
    io.out('W0000 00:00:00.000000       1 reset.go:103] [reset] Unable to fetch the kubeadm-config ConfigMap from cluster\n[reset] Are you sure you want to proceed? [y/N]: ');
    if (!/^y(es)?$/i.test(stdin.trim())) throw new KubeadmError('aborted reset operation');
  }
  const controlPlane = exists(hostPath('/etc/kubernetes/manifests/kube-apiserver.yaml'));
  io.out('[preflight] Running pre-flight checks\n');
  if (controlPlane) io.out('[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n');
  io.out('[reset] Stopping the kubelet service\n');
  spawnSync('systemctl', ['stop', 'kubelet'], { stdio: 'ignore' });
  io.out('[reset] Unmounting mounted directories in "/var/lib/kubelet"\n');
  if (controlPlane) resetCluster();
  for (const path of ['/etc/kubernetes/manifests', '/var/lib/etcd', '/etc/kubernetes/pki', '/var/lib/kubelet']) {
    rmSync(hostPath(path), { recursive: true, force: true });
  }
  for (const file of ['admin.conf', 'super-admin.conf', 'kubelet.conf', 'bootstrap-kubelet.conf', 'controller-manager.conf', 'scheduler.conf']) {
    rmSync(hostPath(`/etc/kubernetes/${file}`), { force: true });
  }
  rmSync(labStatePath('kubelet'), { recursive: true, force: true });
  io.out('[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]\n');
  io.out('[reset] Deleting files: [/etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf]\n\n');
  io.out('The reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d\n\n');
  io.out('The reset process does not reset or clean up iptables rules or IPVS tables.\nIf you wish to reset iptables, you must do so manually by using the "iptables" command.\n\n');
  io.out("If your cluster was setup to utilize IPVS, run ipvsadm --clear (or similar)\nto reset your system's IPVS tables.\n\n");
  io.out('The reset process does not clean your kubeconfig files and you must remove them manually.\nPlease, check the contents of the $HOME/.kube/config file.\n');
  return 0;
}

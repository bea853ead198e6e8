// The files kubeadm init leaves on the control-plane node: PKI, kubeconfig
// files and static Pod manifests, at their real paths.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { stringify } from 'yaml';
import { writeFileAtomic } from './fs-atomic.js';
import { hostPath } from './lab-env.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { createCa, issueLeaf, readPem } from './pki.js';

export interface ControlPlaneInput {
  readonly nodeName: string;
  readonly advertiseAddress: string;
  readonly bindPort: number;
  readonly endpoint: string;
  readonly serviceIp: string;
  readonly serviceSubnet: string;
  readonly podSubnet?: string;
  readonly version: string;
}

const PKI = '/etc/kubernetes/pki';

export async function writePki(input: ControlPlaneInput, log: (line: string) => void): Promise<void> {
  const ca = { caCert: hostPath(`${PKI}/ca.crt`), caKey: hostPath(`${PKI}/ca.key`) };
  log(`[certs] Using certificateDir folder "${PKI}"\n[certs] Generating "ca" certificate and key\n`);
  await createCa(ca.caCert, ca.caKey);
  const dns = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', input.nodeName];
  const ips = [input.serviceIp, input.advertiseAddress];
  log(`[certs] Generating "apiserver" certificate and key\n[certs] apiserver serving cert is signed for DNS names [${dns.join(' ')}] and IPs [${ips.join(' ')}]\n`);
  log('[certs] Generating "apiserver-kubelet-client" certificate and key\n');
  await Promise.all([
    issueLeaf({ ...ca, certPath: hostPath(`${PKI}/apiserver.crt`), keyPath: hostPath(`${PKI}/apiserver.key`), commonName: 'kube-apiserver', dnsNames: dns, ips }),
    issueLeaf({ ...ca, certPath: hostPath(`${PKI}/apiserver-kubelet-client.crt`), keyPath: hostPath(`${PKI}/apiserver-kubelet-client.key`), commonName: 'kube-apiserver-kubelet-client', organization: 'kubeadm:cluster-admins' }),
  ]);
  log('[certs] Generating "sa" key and public key\n');
  const sa = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileAtomic(hostPath(`${PKI}/sa.key`), sa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  writeFileAtomic(hostPath(`${PKI}/sa.pub`), sa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
}

interface ClientConf {
  readonly file: string;
  readonly user: string;
  readonly cn: string;
  readonly org?: string;
}

export async function writeKubeconfigs(input: ControlPlaneInput, log: (line: string) => void): Promise<void> {
  log('[kubeconfig] Using kubeconfig folder "/etc/kubernetes"\n');
  const caPem = readPem(hostPath(`${PKI}/ca.crt`));
  const confs: ClientConf[] = [
    { file: 'admin.conf', user: 'kubernetes-admin', cn: 'kubernetes-admin', org: 'kubeadm:cluster-admins' },
    { file: 'super-admin.conf', user: 'kubernetes-super-admin', cn: 'kubernetes-super-admin', org: 'system:masters' },
    { file: 'kubelet.conf', user: `system:node:${input.nodeName}`, cn: `system:node:${input.nodeName}`, org: 'system:nodes' },
    { file: 'controller-manager.conf', user: 'system:kube-controller-manager', cn: 'system:kube-controller-manager' },
    { file: 'scheduler.conf', user: 'system:kube-scheduler', cn: 'system:kube-scheduler' },
  ];
  const tmp = hostPath('/etc/kubernetes/tmp');
  mkdirSync(tmp, { recursive: true });
  await Promise.all(
    confs.map((c) => issueLeaf({ caCert: hostPath(`${PKI}/ca.crt`), caKey: hostPath(`${PKI}/ca.key`), certPath: `${tmp}/${c.file}.crt`, keyPath: `${tmp}/${c.file}.key`, commonName: c.cn, ...(c.org ? { organization: c.org } : {}) })),
  );
  for (const c of confs) {
    log(`[kubeconfig] Writing "${c.file}" kubeconfig file\n`);
    const server = c.file === 'controller-manager.conf' || c.file === 'scheduler.conf' ? `https://${input.advertiseAddress}:${input.bindPort}` : `https://${input.endpoint}`;
    const yaml = kubeconfigYaml({ server, caPem, user: c.user, certPem: readPem(`${tmp}/${c.file}.crt`), keyPem: readPem(`${tmp}/${c.file}.key`) });
    writeFileAtomic(hostPath(`/etc/kubernetes/${c.file}`), yaml, 0o600);
  }
  rmSync(tmp, { recursive: true, force: true });
}

function staticPod(name: string, image: string, command: string[]): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { component: name, tier: 'control-plane' }, name, namespace: 'kube-system' },
    spec: { containers: [{ command, image, imagePullPolicy: 'IfNotPresent', name }], hostNetwork: true, priorityClassName: 'system-node-critical' },
  });
}

export function writeManifests(input: ControlPlaneInput, log: (line: string) => void): void {
  const dir = '/etc/kubernetes/manifests';
  const image = (name: string): string => `registry.k8s.io/${name}:v${input.version}`;
  log(`[etcd] Creating static Pod manifest for local etcd in "${dir}"\n[control-plane] Using manifest folder "${dir}"\n`);
  const write = (name: string, text: string): void => writeFileAtomic(hostPath(`${dir}/${name}.yaml`), text, 0o600);
  write('etcd', staticPod('etcd', 'registry.k8s.io/etcd:3.5.21-0', ['etcd', `--advertise-client-urls=https://${input.advertiseAddress}:2379`, '--data-dir=/var/lib/etcd', `--name=${input.nodeName}`]));
  log('[control-plane] Creating static Pod manifest for "kube-apiserver"\n');
  write('kube-apiserver', staticPod('kube-apiserver', image('kube-apiserver'), [
    'kube-apiserver',
    `--advertise-address=${input.advertiseAddress}`,
    '--authorization-mode=Node,RBAC',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    `--secure-port=${input.bindPort}`,
    `--service-cluster-ip-range=${input.serviceSubnet}`,
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
    '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  ]));
  log('[control-plane] Creating static Pod manifest for "kube-controller-manager"\n');
  write('kube-controller-manager', staticPod('kube-controller-manager', image('kube-controller-manager'), [
    'kube-controller-manager',
    ...(input.podSubnet ? ['--allocate-node-cidrs=true', `--cluster-cidr=${input.podSubnet}`] : []),
    '--kubeconfig=/etc/kubernetes/controller-manager.conf',
    `--service-cluster-ip-range=${input.serviceSubnet}`,
  ]));
  log('[control-plane] Creating static Pod manifest for "kube-scheduler"\n');
  write('kube-scheduler', staticPod('kube-scheduler', image('kube-scheduler'), ['kube-scheduler', '--kubeconfig=/etc/kubernetes/scheduler.conf']));
  mkdirSync(hostPath('/var/lib/etcd'), { recursive: true });
  writeFileAtomic(hostPath('/var/lib/etcd/member/snap/db'), '');
}

// The objects a fresh kubeadm cluster has: the system namespaces, the
// kubernetes Service, kubeadm's ConfigMaps, and the CoreDNS and kube-proxy
// addons (CoreDNS stays Pending until a node is Ready, as for real).
import { stringify } from 'yaml';
import { putObject, type ClusterInfo, type ClusterState } from './cluster-store.js';
import type { KObject } from './k8s-types.js';
import { kubeconfigYaml } from './kubeconfig.js';

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

function ns(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

function cm(namespace: string, name: string, data: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function installClusterObjects(state: ClusterState, info: ClusterInfo, serviceIp: string, dnsIp: string): void {
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) putObject(state, ns(name));
  const [host, port] = info.endpoint.split(':');
  putObject(state, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: serviceIp, clusterIPs: [serviceIp], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: Number(port) }], sessionAffinity: 'None' },
  });
  putObject(state, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: info.advertiseAddress }], ports: [{ name: 'https', port: Number(port), protocol: 'TCP' }] }],
  });
  const clusterConfiguration = {
    apiVersion: 'kubeadm.k8s.io/v1beta4',
    kind: 'ClusterConfiguration',
    certificatesDir: '/etc/kubernetes/pki',
    clusterName: info.clusterName,
    controlPlaneEndpoint: info.endpoint,
    imageRepository: 'registry.k8s.io',
    kubernetesVersion: `v${info.kubernetesVersion}`,
    networking: { dnsDomain: info.dnsDomain, serviceSubnet: info.serviceSubnet, ...(info.podSubnet ? { podSubnet: info.podSubnet } : {}) },
  };
  putObject(state, cm('kube-system', 'kubeadm-config', { ClusterConfiguration: stringify(clusterConfiguration) }));
  putObject(state, cm('kube-system', 'kubelet-config', { kubelet: stringify({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', cgroupDriver: info.cgroupDriver, clusterDNS: [dnsIp], clusterDomain: info.dnsDomain, ...(info.failSwapOn ? {} : { failSwapOn: false }) }) }));
  putObject(state, cm('kube-public', 'cluster-info', { kubeconfig: kubeconfigYaml({ server: `https://${host}:${port}`, caPem: info.caCertPem, user: '' }) }));
  putObject(state, cm('kube-system', 'coredns', { Corefile: COREFILE }));
  for (const name of ['coredns', 'kube-proxy']) putObject(state, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } });
  putObject(state, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, generation: 1 },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.0', args: ['-conf', '/etc/coredns/Corefile'], ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }] }],
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  });
  putObject(state, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    spec: { type: 'ClusterIP', clusterIP: dnsIp, clusterIPs: [dnsIp], selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }] },
  });
  putObject(state, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' }, generation: 1 },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:v${info.kubernetesVersion}`, command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] }],
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  });
}

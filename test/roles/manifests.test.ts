import { strict as assert } from 'node:assert';
import { validateManifest } from './k8s-validate.js';
import { manifests, renderRoleTemplate } from './render-role-template.js';

const groups = { all: ['master', 'worker1', 'worker2'], master: ['master'], workers: ['worker1', 'worker2'], ungrouped: [] };
const base = { groups, ansible_host: '10.0.0.10', emqx_dashboard_password: 'Sup3r-dash!pw', emqx_mqtt_users: [{ username: 'app', password: 'secret1' }] };

// Defaults, and a non-default set a user might choose.
const variants: { name: string; vars: Record<string, unknown> }[] = [
  { name: 'defaults', vars: base },
  {
    name: 'non-default',
    vars: {
      ...base,
      groups: { ...groups, workers: ['w1', 'w2', 'w3'] },
      pod_network_cidr: '10.50.0.0/16',
      flannel_iface: 'enp0s8',
      flannel_version: 'v0.27.0',
      emqx_namespace: 'mqtt',
      emqx_mqtt_node_port: 32000,
      emqx_dashboard_node_port: 32001,
      emqx_image: 'emqx/emqx:5.8.5',
      emqx_service_name: 'broker',
      emqx_mqtt_users: [{ username: 'a', password: 'p1' }, { username: 'b', password: 'p2' }],
    },
  },
];

type Doc = Record<string, unknown>;
const get = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), o);

describe('roles: rendered Kubernetes manifests', () => {
  for (const v of variants) {
    describe(v.name, () => {
      it('flannel: every document is valid against the Kubernetes schemas', async () => {
        const docs = manifests(renderRoleTemplate('flannel', 'kube-flannel.yml.hbs', { ...v.vars, cluster_iface: { stdout: 'eth1' } }));
        assert.equal(docs.length, 6);
        for (const d of docs) await validateManifest(d);
      });

      it('flannel: Network equals the pod CIDR and the interface is pinned', () => {
        const docs = manifests(renderRoleTemplate('flannel', 'kube-flannel.yml.hbs', { ...v.vars, cluster_iface: { stdout: 'eth1' } }));
        const cm = docs.find((d) => d['kind'] === 'ConfigMap');
        const net = JSON.parse(String(get(cm, 'data', 'net-conf.json'))) as { Network: string };
        assert.equal(net.Network, v.vars['pod_network_cidr'] ?? '10.244.0.0/16');
        const ds = docs.find((d) => d['kind'] === 'DaemonSet');
        const args = get(ds, 'spec', 'template', 'spec', 'containers', 0, 'args') as string[];
        assert.ok(args.includes(`--iface=${String(v.vars['flannel_iface'] ?? 'eth1')}`), args.join(' '));
        assert.equal(get(ds, 'metadata', 'namespace'), 'kube-flannel');
      });

      it('emqx: every document is valid against the Kubernetes schemas', async () => {
        const docs = manifests(renderRoleTemplate('emqx-deploy', 'emqx.yml.hbs', v.vars));
        assert.deepEqual(docs.map((d) => d['kind']), ['Namespace', 'Secret', 'Service', 'StatefulSet', 'Service']);
        for (const d of docs) await validateManifest(d);
      });

      it('emqx: one namespace, a selector that matches the pods, the NodePorts, replicas = workers', () => {
        const docs = manifests(renderRoleTemplate('emqx-deploy', 'emqx.yml.hbs', v.vars));
        const ns = String(v.vars['emqx_namespace'] ?? 'kube-emqx');
        for (const d of docs.slice(1)) assert.equal(get(d, 'metadata', 'namespace'), ns);
        const sts = docs.find((d) => d['kind'] === 'StatefulSet') as Doc;
        const podLabels = get(sts, 'spec', 'template', 'metadata', 'labels') as Record<string, string>;
        const nodePort = docs.filter((d) => d['kind'] === 'Service').find((d) => get(d, 'spec', 'type') === 'NodePort');
        const selector = get(nodePort, 'spec', 'selector') as Record<string, string>;
        for (const [k, val] of Object.entries(selector)) assert.equal(podLabels[k], val, `selector ${k}=${val} must match the pod labels`);
        const ports = get(nodePort, 'spec', 'ports') as { port: number; nodePort: number }[];
        assert.deepEqual(ports.map((p) => [p.port, p.nodePort]), [[1883, v.vars['emqx_mqtt_node_port'] ?? 31883], [18083, v.vars['emqx_dashboard_node_port'] ?? 30083]]);
        assert.equal(get(sts, 'spec', 'replicas'), (get(v.vars, 'groups', 'workers') as string[]).length);
        assert.equal(get(sts, 'spec', 'template', 'spec', 'containers', 0, 'image'), v.vars['emqx_image'] ?? 'emqx/emqx:5.8.6');
      });

      it('emqx: the MQTT users and the dashboard password are in the Secret, not in the pod spec', () => {
        const text = renderRoleTemplate('emqx-deploy', 'emqx.yml.hbs', v.vars);
        const docs = manifests(text);
        const secret = docs.find((d) => d['kind'] === 'Secret');
        const csv = String(get(secret, 'stringData', 'mqtt-users.csv'));
        for (const u of v.vars['emqx_mqtt_users'] as { username: string; password: string }[]) assert.ok(csv.includes(`${u.username},${u.password},false`), csv);
        const sts = JSON.stringify(docs.find((d) => d['kind'] === 'StatefulSet'));
        assert.ok(!sts.includes('Sup3r-dash!pw'));
        assert.equal(get(secret, 'stringData', 'dashboard-password'), 'Sup3r-dash!pw');
      });
    });
  }

  it('containerd config: SystemdCgroup in the table of the installed major version', () => {
    const v1 = renderRoleTemplate('docker', 'config.toml.hbs', { containerd_major: { stdout: '1' } });
    assert.match(v1, /\[plugins\."io\.containerd\.grpc\.v1\.cri"\.containerd\.runtimes\.runc\.options\]\n\s+SystemdCgroup = true/);
    assert.match(v1, /^version = 2$/m);
    const v2 = renderRoleTemplate('docker', 'config.toml.hbs', { containerd_major: { stdout: '2' } });
    assert.match(v2, /\[plugins\.'io\.containerd\.cri\.v1\.runtime'\.containerd\.runtimes\.runc\.options\]\n\s+SystemdCgroup = true/);
    assert.match(v2, /^version = 3$/m);
    assert.doesNotMatch(v2, /grpc\.v1\.cri/);
  });
});

// site.yml against a fresh namespace lab (its Kubernetes tools are stand-ins: docs/lab-doubles.md).
// One lab for the whole file; the steps build on each other, like a user's runs would.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { useLab } from '../support/lab-fixture.js';
import { runPlaybook, runPlaybookFile } from '../lab/run/run-deckhand.js';

const site = fileURLToPath(new URL('../../../playbooks/site.yml', import.meta.url));
const TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/;

/** The lines that explain a failure: each TASK header followed by a fatal line, and the recap. */
function summary(out: string): string {
  const lines = out.split('\n');
  const picked: string[] = [];
  let task = '';
  for (const l of lines) {
    if (l.startsWith('TASK [') || l.startsWith('RUNNING HANDLER')) task = l;
    if (/^(fatal|failed|changed): /.test(l)) picked.push(task, l.slice(0, 600));
  }
  const recap = out.slice(out.lastIndexOf('PLAY RECAP'));
  return `${picked.join('\n')}\n${recap}`;
}

interface Inv {
  all: { vars: Record<string, unknown>; children: { workers: { hosts: Record<string, unknown> } } };
}

describe('site.yml on a fresh lab', function () {
  this.timeout(900_000);
  // Its own lab: site.yml installs and starts the whole cluster stand-in on every host.
  const lab = useLab(this, { tag: 'si', hostNames: ['master', 'worker1', 'worker2', 'worker3'] });
  let inv3 = '';
  let reportText = '';
  const run = async (args: string[] = [], inventory = inv3) => {
    return runPlaybookFile(site, inventory, ['-vvvv', ...args]);
  };

  before(function () {
    // The first runs see three hosts; worker3 is added to the inventory later.
    const full = parse(readFileSync(lab.info().inventoryPath, 'utf8')) as Inv;
    const three = structuredClone(full);
    delete three.all.children.workers.hosts['worker3'];
    inv3 = `${lab.info().stateDir}/three.yml`;
    writeFileSync(inv3, stringify(three));
  });

  it('--check before the first run predicts changes on every host and changes nothing', async () => {
    const r = await run(['--check']);
    assert.equal(r.code, 0, summary(r.out) + r.err);
    for (const h of ['master', 'worker1', 'worker2']) assert.ok((r.stats[h]?.changed ?? 0) > 0, `${h} predicted changes`);
    const probe = await runPlaybook('- hosts: all\n  gather_facts: false\n  tasks:\n    - stat: { path: /etc/containerd/config.toml }\n      register: c\n    - assert: { that: [not c.stat.exists] }\n', inv3);
    assert.equal(probe.code, 0, `check mode wrote files:\n${probe.out}`);
  });

  it('the first run converges: exit 0, EMQX verified, no join token anywhere', async () => {
    const r = await run();
    assert.equal(r.code, 0, summary(r.out) + r.err);
    for (const h of ['master', 'worker1', 'worker2']) assert.ok((r.stats[h]?.changed ?? 0) > 0);
    assert.ok(r.results.some((x) => x.task.startsWith('MQTT publish/subscribe round trip') && x.status === 'ok'));
    reportText = JSON.stringify(r.results) + JSON.stringify(r.stats);
    for (const text of [r.out, r.err, reportText]) assert.doesNotMatch(text, TOKEN, 'a kubeadm token leaked');
  });

  it('the second run changes nothing on any host', async () => {
    const r = await run();
    assert.equal(r.code, 0, summary(r.out));
    for (const h of ['master', 'worker1', 'worker2']) assert.equal(r.stats[h]?.changed, 0, `${h}:\n${summary(r.out)}`);
    assert.doesNotMatch(r.out, TOKEN);
  });

  it('--tags flannel runs only flannel tasks', async () => {
    const r = await run(['--tags', 'flannel']);
    assert.equal(r.code, 0, summary(r.out));
    const tasks = r.results.filter((x) => x.task !== 'Gathering Facts');
    assert.ok(tasks.length >= 2);
    for (const t of tasks) assert.match(t.task, /interface|flannel/i, t.task);
  });

  it('a worker added to the inventory joins on the next run; the others stay unchanged', async () => {
    // Replicas pinned: by default EMQX scales with the workers, which is a change on the master.
    const r = await run(['-e', 'emqx_replicas=2'], lab.info().inventoryPath);
    assert.equal(r.code, 0, summary(r.out));
    assert.ok((r.stats['worker3']?.changed ?? 0) > 0);
    for (const h of ['master', 'worker1', 'worker2']) assert.equal(r.stats[h]?.changed, 0, `${h} changed:\n${summary(r.out)}`);
    const nodes = await runPlaybook('- hosts: master\n  gather_facts: false\n  tasks:\n    - command: kubectl get nodes -o name\n      register: n\n      changed_when: false\n    - assert: { that: ["\'node/worker3\' in n.stdout"] }\n', lab.info().inventoryPath);
    assert.equal(nodes.code, 0, nodes.out);
  });

  it('a Service whose selector matches no pod fails the run with a clear message', async () => {
    const r = await run(['--tags', 'emqx-deploy', '-e', 'emqx_service_selector=mqtt', '-e', 'emqx_endpoint_retries=2', '-e', 'emqx_endpoint_delay=1'], lab.info().inventoryPath);
    assert.equal(r.code, 2, summary(r.out));
    assert.match(r.out, /has no endpoints: its selector\s+\(app=mqtt\) matches no ready pod in namespace kube-emqx/);
  });
});

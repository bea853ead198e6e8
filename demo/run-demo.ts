// `npm run demo`: the whole job on a local 3-host lab. Lab up, site.yml, site.yml again (must
// change nothing), an MQTT round trip through NodePort 31883 of every worker, lab down.
//   npm run demo -- --keep     leave the lab up afterwards
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { mqttRoundTrip } from '../engine/verify/mqtt-roundtrip.js';
import { labDown, labUp, type LabInfo } from '../lab/lab.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const say = (s: string): void => {
  process.stdout.write(`\n\x1b[1m== ${s}\x1b[0m\n`);
};

interface Report {
  stats: Record<string, { changed: number; failed: number; unreachable: number }>;
}

function deckhand(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${root}bin/deckhand.js`, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function siteRun(lab: LabInfo, n: number): Promise<Report> {
  const report = `${lab.stateDir}/site-run-${n}.json`;
  const code = await deckhand(['run', 'playbooks/site.yml', '-i', lab.inventoryPath, '--report', report]);
  if (code !== 0) throw new Error(`site.yml run ${n} exited ${code}`);
  return JSON.parse(await readFile(report, 'utf8')) as Report;
}

async function mqttUser(lab: LabInfo): Promise<{ username?: string; password?: string }> {
  const inv = parse(await readFile(lab.inventoryPath, 'utf8')) as { all?: { vars?: { emqx_mqtt_users?: { username: string; password: string }[] } } };
  return inv.all?.vars?.emqx_mqtt_users?.[0] ?? {};
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' }, name: { type: 'string' } } });
  process.chdir(root);
  say('Bringing up a 3-host namespace lab (master, worker1, worker2)');
  console.log('Lab hosts are Linux namespaces with their own sshd. Their Kubernetes tools (kubeadm,');
  console.log('kubelet, kubectl, containerd) are stand-ins that model the real ones: see docs/lab-doubles.md.');
  const lab = await labUp({ name: values.name ?? 'demo', hosts: 3 });
  let failed = false;
  try {
    say('site.yml, first run');
    await siteRun(lab, 1);
    say('site.yml, second run (must change nothing)');
    const second = await siteRun(lab, 2);
    const changed = Object.entries(second.stats).filter(([, s]) => s.changed > 0);
    if (changed.length) throw new Error(`second run changed something on: ${changed.map(([h, s]) => `${h} (changed=${s.changed})`).join(', ')}`);
    console.log('second run: changed=0 on every host');
    say('MQTT publish/subscribe round trip through NodePort 31883');
    const user = await mqttUser(lab);
    for (const h of lab.hosts.slice(1)) {
      const r = await mqttRoundTrip({ host: h.address, port: 31883, timeoutMs: 10_000, ...user });
      console.log(r.ok ? `${h.name} (${h.address}:31883): round trip in ${r.ms} ms` : `${h.name}: failed at ${r.step}: ${r.error}`);
      if (!r.ok) failed = true;
    }
  } catch (e) {
    failed = true;
    console.error(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    if (values.keep) {
      console.log(`\nThe lab stays up. Inventory: ${lab.inventoryPath}\nTear it down with: node bin/deckhand.js lab down --name ${lab.name}`);
    } else {
      say('Tearing the lab down');
      await labDown(lab.name);
      await rm(`${lab.stateDir}`, { recursive: true, force: true }).catch(() => undefined);
    }
  }
  say(failed ? 'FAILED' : 'Done');
  console.log('To do the same on real machines: deckhand run playbooks/site.yml -i inventory/example.yml');
  console.log('or on three Vagrant VMs: npm run lab:vagrant (docs/vagrant.md)');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);

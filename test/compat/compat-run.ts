// Runs one playbook with ansible-playbook or with deckhand against a lab, and reads back what
// matters for comparison: the PLAY RECAP counts and the files the playbook left behind.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseRecap, type Recap } from '../../bench/recap.js';
import type { LabInfo } from '../../lab/lab.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function runAnsible(lab: LabInfo, playbook: string): Promise<Recap> {
  const r = await execa('ansible-playbook', ['-i', lab.inventoryPath, playbook], {
    reject: false,
    timeout: 300_000,
    env: {
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${lab.knownHostsPath} -o StrictHostKeyChecking=yes -o ControlMaster=auto -o ControlPersist=60s`,
      ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_RETRY_FILES_ENABLED: 'False',
      ANSIBLE_LOCAL_TEMP: `/tmp/ansible-local-${process.pid}`,
    },
  });
  if (r.exitCode !== 0) throw new Error(`ansible-playbook exited ${r.exitCode}:\n${r.stdout}\n${r.stderr}`);
  return parseRecap(r.stdout);
}

export async function runDeckhand(lab: LabInfo, playbook: string, report: string): Promise<Recap> {
  const r = await execa('node', [`${root}bin/deckhand.js`, 'run', playbook, '-i', lab.inventoryPath, '--report', report], { reject: false, timeout: 300_000 });
  if (r.exitCode !== 0) throw new Error(`deckhand exited ${r.exitCode}:\n${r.stdout}\n${r.stderr}`);
  const doc = JSON.parse(await readFile(report, 'utf8')) as { stats: Recap };
  return doc.stats;
}

/** Every path under `dir` on each host with its mode, type and content hash. */
export async function snapshot(lab: LabInfo, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const h of lab.hosts) {
    const script = `cd ${dir} 2>/dev/null || exit 0; find . -mindepth 1 | sort | while read -r p; do if [ -L "$p" ]; then echo "$p link $(readlink "$p")"; elif [ -d "$p" ]; then echo "$p dir $(stat -c %a "$p")"; else echo "$p file $(stat -c %a "$p") $(sha256sum < "$p" | cut -c1-16)"; fi; done`;
    const r = await execa('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${lab.knownHostsPath}`, '-i', lab.privateKeyPath, `root@${h.address}`, script], { timeout: 30_000 });
    out[h.name] = r.stdout;
  }
  return out;
}

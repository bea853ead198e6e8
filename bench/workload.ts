// The benchmark's workload, in the three forms the tools take: a playbook and an inventory for
// deckhand and ansible-playbook, and the equivalent shell command lines for the floor.
import { stringify } from 'yaml';
import type { LabHost, LabInfo } from '../lab/lab.js';

/** Tasks alternate: even indexes make a directory (changes once), odd ones echo (never change). */
export interface Workload {
  /** Remote folder every path of this workload lives under; fresh for each tool. */
  readonly root: string;
  readonly tasks: number;
}

export function isDirTask(i: number): boolean {
  return i % 2 === 0;
}

export function dirTasks(tasks: number): number {
  return Math.ceil(tasks / 2);
}

export function playbookYaml(w: Workload): string {
  const tasks = [];
  for (let i = 0; i < w.tasks; i++) {
    tasks.push(
      isDirTask(i)
        ? { name: `dir ${i}`, file: { path: `${w.root}/d${i}`, state: 'directory', mode: '0755' } }
        : { name: `echo ${i}`, command: `echo hello ${i}`, changed_when: false },
    );
  }
  return stringify([{ name: 'bench', hosts: 'all', gather_facts: false, tasks }]);
}

/** Host vars in the lab's own form, so the same file works with deckhand and ansible-playbook. */
export function inventoryYaml(lab: LabInfo, hosts: readonly LabHost[]): string {
  return stringify({
    all: {
      vars: {
        ansible_user: 'root',
        ansible_ssh_private_key_file: lab.privateKeyPath,
        deckhand_known_hosts_file: lab.knownHostsPath,
      },
      hosts: Object.fromEntries(hosts.map((h) => [h.name, { ansible_host: h.address }])),
    },
  });
}

/**
 * The floor's command for task i. The directory command also says whether it made the
 * directory, so the floor reports changes like the tools do, still in one round trip.
 */
export function floorCommand(w: Workload, i: number): string {
  if (!isDirTask(i)) return `echo hello ${i}`;
  const p = `${w.root}/d${i}`;
  return `if [ -d ${p} ]; then chmod 0755 ${p}; else mkdir -p ${p} && chmod 0755 ${p} && echo changed; fi`;
}

/** What the floor process is given (as JSON in a file). */
export interface FloorSpec {
  readonly hosts: readonly LabHost[];
  readonly user: string;
  readonly privateKeyPath: string;
  readonly knownHostsPath: string;
  readonly commands: readonly string[];
}

export function floorSpec(lab: LabInfo, hosts: readonly LabHost[], w: Workload): FloorSpec {
  const commands = Array.from({ length: w.tasks }, (_, i) => floorCommand(w, i));
  return { hosts, user: 'root', privateKeyPath: lab.privateKeyPath, knownHostsPath: lab.knownHostsPath, commands };
}

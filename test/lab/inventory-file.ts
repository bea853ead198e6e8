// The inventory `lab up` writes: Ansible's YAML inventory layout, so the
// same file works with deckhand and with ansible-playbook.
import { stringify } from 'yaml';
import type { LabHost } from './lab-types.js';

export interface InventoryInput {
  readonly labName: string;
  readonly hosts: readonly LabHost[];
  readonly privateKeyPath: string;
  readonly knownHostsPath: string;
  readonly repoUrl: string;
}

/** The first host forms group `master`; the rest form group `workers`. */
export function inventoryYaml(input: InventoryInput): string {
  const hostVars = (host: LabHost): Record<string, string> => ({
    ansible_host: host.address,
    ansible_user: 'root',
    ansible_ssh_private_key_file: input.privateKeyPath,
    deckhand_known_hosts_file: input.knownHostsPath,
  });
  const group = (hosts: readonly LabHost[]): { hosts: Record<string, Record<string, string>> } => ({
    hosts: Object.fromEntries(hosts.map((host) => [host.name, hostVars(host)])),
  });
  const [master, ...workers] = input.hosts;
  const document = {
    all: {
      vars: { lab_repo_url: input.repoUrl },
      children: {
        master: group(master ? [master] : []),
        workers: group(workers),
      },
    },
  };
  const header = `# Inventory of deckhand lab "${input.labName}", written by \`deckhand lab up\`.\n# Lab hosts are namespaces on this machine, not real machines.\n`;
  return header + stringify(document);
}

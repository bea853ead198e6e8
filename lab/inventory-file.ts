// The inventory `lab up` writes: Ansible's YAML inventory layout, so the
// same file works with deckhand and with ansible-playbook.
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import type { LabHost } from './lab-types.js';

export interface InventoryInput {
  readonly labName: string;
  readonly hosts: readonly LabHost[];
  readonly privateKeyPath: string;
  readonly knownHostsPath: string;
  readonly repoUrl: string;
  /** Credentials for the EMQX deployment, made up per lab (random unless given). */
  readonly secrets?: { readonly dashboardPassword: string; readonly mqttPassword: string };
}

/**
 * What site.yml needs to run against the lab: the apt repositories the lab serves in place of
 * download.docker.com and pkgs.k8s.io (same layout, signed with lab keys; docs/lab-doubles.md),
 * and EMQX credentials, since the roles refuse to deploy without them.
 */
export function labDeploymentVars(repoUrl: string, secrets: NonNullable<InventoryInput['secrets']>): Record<string, unknown> {
  return {
    lab_repo_url: repoUrl,
    docker_apt_url: `${repoUrl}/docker`,
    kube_apt_url: `${repoUrl}/k8s/core:/stable:/v{{ kube_version }}/deb/`,
    emqx_dashboard_password: secrets.dashboardPassword,
    emqx_mqtt_users: [{ username: 'deckhand', password: secrets.mqttPassword }],
  };
}

function randomSecret(): string {
  return randomBytes(12).toString('base64url');
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
      vars: labDeploymentVars(input.repoUrl, input.secrets ?? { dashboardPassword: randomSecret(), mqttPassword: randomSecret() }),
      children: {
        master: group(master ? [master] : []),
        workers: group(workers),
      },
    },
  };
  const header = `# Inventory of deckhand lab "${input.labName}", written by \`deckhand lab up\`.\n# Lab hosts are namespaces on this machine, not real machines.\n`;
  return header + stringify(document);
}

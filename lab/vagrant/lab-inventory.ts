// Builds inventory/vagrant.yml from the lab layout and `vagrant ssh-config`.
// ssh-config tells us the user and the key; the address comes from the
// layout, because ssh-config reports 127.0.0.1 plus a forwarded port under
// VirtualBox (and the management network under libvirt), while deckhand and
// the cluster must use the private network.
import { isAbsolute, relative } from 'node:path';
import YAML from 'yaml';
import type { LabHost, LabLayout } from './lab-layout.js';
import type { SshConfigEntry } from './ssh-config.js';
import { isRecord } from './is-record.js';

export const KNOWN_HOSTS_FILE = '.vagrant/deckhand_known_hosts';

export interface InventoryHost {
  readonly ansible_host: string;
  readonly ansible_port: number;
  readonly ansible_user: string;
  readonly ansible_ssh_private_key_file: string;
  readonly cluster_address: string;
}

export interface LabInventory {
  readonly all: {
    readonly vars: Readonly<Record<string, unknown>>;
    readonly children: {
      readonly master: { readonly hosts: Readonly<Record<string, InventoryHost>> };
      readonly workers: { readonly hosts: Readonly<Record<string, InventoryHost>> };
    };
  };
}

/** Vars the generator owns; everything else under all.vars is kept as found. */
export const MANAGED_VARS = { ansible_become: true, deckhand_known_hosts_file: KNOWN_HOSTS_FILE } as const;

/**
 * Used when no previous inventory supplies them: the emqx-deploy role refuses
 * to run without a dashboard password, and MQTT clients must log in. Lab only.
 */
export const DEFAULT_LAB_VARS: Readonly<Record<string, unknown>> = {
  emqx_dashboard_password: 'deckhand-lab-dashboard',
  emqx_mqtt_users: [{ username: 'deckhand', password: 'deckhand-lab-mqtt' }],
};

export interface InventoryProblem {
  readonly node: string;
  readonly message: string;
}

export type InventoryResult =
  | { readonly ok: true; readonly inventory: LabInventory }
  | { readonly ok: false; readonly problems: readonly InventoryProblem[] };

export interface BuildInventoryOptions {
  readonly layout: LabLayout;
  readonly sshConfig: readonly SshConfigEntry[];
  /** Key paths under this directory are written relative to it (the repository root). */
  readonly root: string;
  /** all.vars of the previous inventory, kept except for MANAGED_VARS. */
  readonly previousVars?: Readonly<Record<string, unknown>>;
}

function keyPath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function hostEntry(host: LabHost, ssh: SshConfigEntry, root: string): InventoryHost | string {
  const key = ssh.identityFiles[0];
  if (key === undefined) return 'vagrant ssh-config lists no IdentityFile';
  if (ssh.user === undefined) return 'vagrant ssh-config lists no User';
  return {
    ansible_host: host.address,
    ansible_port: 22,
    ansible_user: ssh.user,
    ansible_ssh_private_key_file: keyPath(key, root),
    cluster_address: host.address,
  };
}

export function buildInventory(opts: BuildInventoryOptions): InventoryResult {
  const problems: InventoryProblem[] = [];
  const groups = { master: {} as Record<string, InventoryHost>, workers: {} as Record<string, InventoryHost> };
  for (const host of opts.layout.hosts) {
    const ssh = opts.sshConfig.find((e) => e.host === host.name);
    if (!ssh) {
      problems.push({ node: host.name, message: 'missing from vagrant ssh-config (is the machine up?)' });
      continue;
    }
    const entry = hostEntry(host, ssh, opts.root);
    if (typeof entry === 'string') problems.push({ node: host.name, message: entry });
    else groups[host.group][host.name] = entry;
  }
  if (problems.length > 0) return { ok: false, problems };

  const kept: Record<string, unknown> = { ...(opts.previousVars ?? DEFAULT_LAB_VARS) };
  for (const key of Object.keys(MANAGED_VARS)) delete kept[key];
  const vars = { ...MANAGED_VARS, ...kept };
  return {
    ok: true,
    inventory: { all: { vars, children: { master: { hosts: groups.master }, workers: { hosts: groups.workers } } } },
  };
}

const HEADER = `deckhand's Vagrant lab inventory (docs/vagrant.md).

Written by \`npm run lab:vagrant\` from the lab layout and \`vagrant ssh-config\`;
the checked-in copy is what it writes for the defaults under VirtualBox.
Regenerating keeps every key under all.vars except the ones it manages
(ansible_become, deckhand_known_hosts_file).

ansible_host is the private-network address, not the one \`vagrant ssh-config\`
prints (127.0.0.1 with a forwarded port under VirtualBox, the management
network under libvirt). cluster_address is the address the API server, the
kubelet and flannel must use: the first NIC is NAT with the same address on
every machine, so the roles find cluster_iface from this address.

\`vagrant ssh-config\` turns host key checking off; instead the harness collects
the host keys with ssh-keyscan on the private addresses, checks them against
the keys each machine reports through \`vagrant ssh\`, and writes them to
deckhand_known_hosts_file.

Relative paths are relative to the repository root: run deckhand from there.
emqx_dashboard_password and emqx_mqtt_users are lab-only values; the harness
logs in to MQTT as the first of emqx_mqtt_users, so keep that one literal
(not a template).`;

export function inventoryToYaml(inventory: LabInventory): string {
  const doc = new YAML.Document(inventory);
  doc.commentBefore = HEADER.split('\n').map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
  return doc.toString();
}


/** all.vars of an inventory file's text, or undefined when it has none or does not parse. */
export function readAllVars(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = YAML.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !isRecord(parsed['all'])) return undefined;
  const vars = parsed['all']['vars'];
  return isRecord(vars) ? vars : undefined;
}

/** How the harness logs in to MQTT, from the inventory's emqx_mqtt_users. */
export type LabMqttLogin =
  | { readonly kind: 'user'; readonly username: string; readonly password: string }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'unusable'; readonly reason: string };

export function labMqttLogin(vars: Readonly<Record<string, unknown>> | undefined): LabMqttLogin {
  const users = vars?.['emqx_mqtt_users'];
  if (!Array.isArray(users) || users.length === 0) return { kind: 'anonymous' };
  const first: unknown = users[0];
  if (!isRecord(first) || typeof first['username'] !== 'string' || typeof first['password'] !== 'string') {
    return { kind: 'unusable', reason: 'emqx_mqtt_users[0] in the inventory needs a username and a password' };
  }
  const { username, password } = first;
  // The harness reads the file as it is; it does not render templates or open vaults.
  if (`${username}${password}`.includes('{{')) {
    return { kind: 'unusable', reason: 'emqx_mqtt_users[0] in the inventory is a template; the lab harness needs a literal lab login there' };
  }
  return { kind: 'user', username, password };
}

// Connection settings from a host's variables, with Ansible's names (docs/connections.md).
import { homedir } from 'node:os';
import { defaultKnownHostsFiles, type BecomeOptions, type SshTarget } from '../connection/index.js';
import { ansibleBoolean, isAnsibleTrue } from '../text/ansible-boolean.js';
import type { ControllerDefaults } from './run-settings.js';

export type ConnectionSpec = { kind: 'local'; host: string } | { kind: 'ssh'; target: SshTarget };

export interface BecomeDefaults {
  readonly become: boolean;
  readonly options: BecomeOptions;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

export function connectionSpec(
  host: string,
  vars: Readonly<Record<string, unknown>>,
  controller: ControllerDefaults,
): ConnectionSpec {
  const kind = str(vars['ansible_connection']) ?? 'ssh';
  if (kind === 'local') return { kind: 'local', host };
  const checkVar = vars['host_key_checking'] ?? vars['ansible_host_key_checking'];
  // Fail closed: only an explicit false turns checking off; a typo or an empty value keeps it on.
  const setting = checkVar !== undefined ? checkVar : controller.hostKeyChecking;
  const hostKeyChecking = setting === undefined || !explicitlyFalse(setting);
  const known = str(vars['deckhand_known_hosts_file']);
  const key = str(vars['ansible_ssh_private_key_file']) ?? str(vars['ansible_private_key_file']);
  const password = str(vars['ansible_password']) ?? str(vars['ansible_ssh_pass']);
  const timeout = Number(vars['ansible_timeout'] ?? vars['ansible_ssh_timeout'] ?? 10);
  return {
    kind: 'ssh',
    target: {
      host,
      address: str(vars['ansible_host']) ?? host,
      port: Number(vars['ansible_port'] ?? vars['ansible_ssh_port'] ?? 22),
      user: str(vars['ansible_user']) ?? str(vars['ansible_ssh_user']) ?? controller.user ?? 'root',
      ...(key ? { privateKeyPath: key.replace(/^~(?=\/)/, homedir()) } : {}),
      ...(password ? { password } : {}),
      knownHostsFiles: [...(known ? [known] : []), ...defaultKnownHostsFiles(homedir())],
      hostKeyChecking,
      connectTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : 10_000,
    },
  };
}

function explicitlyFalse(v: unknown): boolean {
  return ansibleBoolean(v) === false;
}

export function becomeDefaults(vars: Readonly<Record<string, unknown>>): BecomeDefaults {
  const password = str(vars['ansible_become_password']) ?? str(vars['ansible_become_pass']);
  const user = str(vars['ansible_become_user']);
  return {
    become: isAnsibleTrue(vars['ansible_become']),
    options: { ...(user ? { user } : {}), ...(password ? { password } : {}) },
  };
}

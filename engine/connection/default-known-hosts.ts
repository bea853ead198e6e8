// Where OpenSSH looks for known hosts by default (ssh_config UserKnownHostsFile
// and GlobalKnownHostsFile); the inventory layer adds deckhand_known_hosts_file.
import { join } from 'node:path';

export function defaultKnownHostsFiles(homeDir: string): string[] {
  return [
    join(homeDir, '.ssh', 'known_hosts'),
    join(homeDir, '.ssh', 'known_hosts2'),
    '/etc/ssh/ssh_known_hosts',
    '/etc/ssh/ssh_known_hosts2',
  ];
}

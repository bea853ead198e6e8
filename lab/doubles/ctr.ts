// ctr: version and empty listings, or the dial error when containerd is down.
import { processIo, type Io } from './cli-args.js';
import { exists, readJson } from './fs-atomic.js';
import { hostPath, isMain, versions } from './lab-env.js';
import { SOCKET_PATH } from './containerd-config.js';
import { isAlive } from './systemd-state.js';

export function ctr(argv: readonly string[], io: Io): number {
  const words = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '-n' && argv[i - 1] !== '--namespace');
  const client = `Client:\n  Version:  ${versions().containerd}\n  Revision: 05044ec0a9a75232cad458027ca83437aae3f4da\n  Go version: go1.23.8\n\n`;
  if (argv.includes('--version') || argv.includes('-v')) {
    io.out(`ctr containerd.io ${versions().containerd}\n`);
    return 0;
  }
  const record = readJson<{ pid: number } | undefined>(hostPath('/run/containerd/deckhand-lab-running.json'), undefined);
  if (!record || !isAlive(record.pid) || !exists(hostPath(SOCKET_PATH))) {
    if (words[0] === 'version') io.out(client);
    io.err(`ctr: failed to dial "${SOCKET_PATH}": connection error: desc = "transport: error while dialing: dial unix:///run/containerd/containerd.sock: timeout"\n`);
    return 1;
  }
  switch (words[0]) {
    case 'version':
      io.out(`${client}Server:\n  Version:  ${versions().containerd}\n  Revision: 05044ec0a9a75232cad458027ca83437aae3f4da\n  UUID: 00000000-0000-0000-0000-000000000000\n`);
      return 0;
    case 'images':
    case 'image':
    case 'i':
      io.out('REF TYPE DIGEST SIZE PLATFORMS LABELS \n');
      return 0;
    case 'namespaces':
    case 'ns':
      io.out('NAME   LABELS \nk8s.io        \n');
      return 0;
    default:
      io.err(`ctr: the lab ctr supports version, images ls and namespaces ls\n`);
      return 1;
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = ctr(process.argv.slice(2), processIo);
}

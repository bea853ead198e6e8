// containerd: `config default`, `--version`, and the daemon itself, which
// loads its config, serves a socket, and tells the supervisor it is ready.
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { processIo, type Io } from './cli-args.js';
import { readText, writeFileAtomic } from './fs-atomic.js';
import { ENV, hostPath, isMain, onRootRemoved, versions } from './lab-env.js';
import { CONFIG_PATH, loadSettings, recordRunning, SOCKET_PATH } from './containerd-config.js';
import { DEFAULT_CONFIG_V2 } from './containerd-default-config.js';

const REVISION = '05044ec0a9a75232cad458027ca83437aae3f4da';

export function containerdCommand(argv: readonly string[], io: Io): number | 'daemon' {
  const [first, second] = argv;
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(`containerd containerd.io ${versions().containerd} ${REVISION}\n`);
    return 0;
  }
  if (first === 'config' && second === 'default') {
    io.out(DEFAULT_CONFIG_V2);
    return 0;
  }
  if (first === 'config' && second === 'dump') {
    io.out(readText(hostPath(configArg(argv))) ?? DEFAULT_CONFIG_V2);
    return 0;
  }
  if (first === undefined || first.startsWith('-')) return 'daemon';
  io.err(`containerd: unknown command "${first}"\n`);
  return 1;
}

function configArg(argv: readonly string[]): string {
  const i = argv.findIndex((a) => a === '--config' || a === '-c');
  const inline = argv.find((a) => a.startsWith('--config='));
  return inline?.slice('--config='.length) ?? (i >= 0 ? argv[i + 1] : undefined) ?? CONFIG_PATH;
}

function runDaemon(argv: readonly string[]): void {
  const configPath = configArg(argv);
  const loaded = loadSettings(configPath);
  const stamp = (): string => new Date().toISOString();
  if (!loaded.ok) {
    process.stderr.write(`containerd: ${loaded.error}\n`);
    process.exit(1);
  }
  const settings = loaded.settings;
  process.stdout.write(`time="${stamp()}" level=info msg="starting containerd" revision=${REVISION} version=${versions().containerd}\n`);
  if (!settings.criEnabled) process.stdout.write(`time="${stamp()}" level=info msg="skip loading plugin \\"io.containerd.grpc.v1.cri\\"..." error="disabled" type=io.containerd.grpc.v1\n`);
  if (settings.criError) process.stdout.write(`time="${stamp()}" level=warning msg="failed to load plugin io.containerd.grpc.v1.cri" error="${settings.criError}"\n`);
  const socket = hostPath(SOCKET_PATH);
  mkdirSync(dirname(socket), { recursive: true });
  rmSync(socket, { force: true });
  // Clients only check that something answers; each connection is closed at once.
  const server = createServer((conn) => conn.destroy());
  server.listen(socket, () => {
    recordRunning(settings);
    process.stdout.write(`time="${stamp()}" level=info msg="serving..." address=${SOCKET_PATH}\n`);
    process.stdout.write(`time="${stamp()}" level=info msg="containerd successfully booted in 0.05s"\n`);
    const notify = process.env[ENV.notify];
    if (notify) writeFileAtomic(notify, 'READY=1\n');
  });
  const shutdown = (): void => {
    server.close();
    rmSync(socket, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  onRootRemoved(shutdown);
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const result = containerdCommand(argv, processIo);
  if (result === 'daemon') runDaemon(argv);
  else process.exitCode = result;
}

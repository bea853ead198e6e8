// `deckhand lab up|down|status`: the namespace test lab from the command line.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { labDown } from './lab-down.js';
import { exitCodeFor, LabError } from './lab-error.js';
import { checkLabName, DEFAULT_BASE_DIR, DEFAULT_LAB_NAME, stateDirFor } from './lab-names.js';
import { listLabNetns } from './lab-network.js';
import { labStatus } from './lab-status.js';
import type { LabInfo } from './lab-types.js';
import { DEFAULT_HOSTS, DEFAULT_REPO_PORT, labUp } from './lab-up.js';
import { currentUid, preflight } from './preflight.js';
import { DEFAULT_SUBNET } from './subnet.js';

export interface LabIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Seams for tests: the uid the root check sees. */
export interface LabCommandDeps {
  readonly uid?: number;
}

export const LAB_HELP = `Usage: deckhand lab <command> [options]

A test lab of isolated SSH hosts on this machine, built from Linux
namespaces: each host has its own network address, file system (an overlay
of this machine's), hostname, process tree and a real sshd. It is a stand-in
for machines in tests and demos, not a replacement for them. Needs root.

Commands:
  up        create a lab and print its inventory path as the last line
  down      remove a lab: processes, namespaces, network, mounts, files
  status    list labs and whether each host's sshd answers

Options for up:
  --hosts N        number of hosts, 1-250 (default ${DEFAULT_HOSTS}): master, worker1, worker2, …
  --name NAME      lab name: a-z first, then a-z, 0-9 or "-" (default "${DEFAULT_LAB_NAME}")
  --subnet CIDR    private IPv4 network for the lab (default: the first free
                   /24 from ${DEFAULT_SUBNET}); the machine takes the first address
  --repo-port N    first port tried for the apt repository server (default ${DEFAULT_REPO_PORT})

Options for down:
  --name NAME      lab to remove (default "${DEFAULT_LAB_NAME}")

Common:
  -h, --help       show this help

Environment:
  DECKHAND_LAB_DIR  folder holding every lab's state (default ${DEFAULT_BASE_DIR})

Exit status: 0 success; 1 failure (status: a host or the repository server
does not answer); 5 bad options, not root, or required programs missing.

Example:
  inv=$(deckhand lab up --hosts 3 | tail -1)
  deckhand run -i "$inv" playbooks/site.yml
  deckhand lab down`;

export async function labCommand(argv: readonly string[], io: LabIo, deps: LabCommandDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'up':
        return await up(rest, io, deps);
      case 'down':
        return await down(rest, io, deps);
      case 'status':
        return await status(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(LAB_HELP);
        return command === undefined ? 5 : 0;
      default:
        throw new LabError('USAGE', `unknown lab command "${command}"; try \`deckhand lab --help\``);
    }
  } catch (error) {
    io.err(`deckhand lab: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodeFor(error);
  }
}

async function up(args: readonly string[], io: LabIo, deps: LabCommandDeps): Promise<number> {
  const { values } = parse(args, {
    hosts: { type: 'string' },
    name: { type: 'string' },
    subnet: { type: 'string' },
    'repo-port': { type: 'string' },
  });
  if (values['help'] === true) return help(io);
  preflight(deps.uid === undefined ? {} : { uid: deps.uid });
  const hosts = values['hosts'] === undefined ? DEFAULT_HOSTS : wholeNumber('--hosts', values['hosts']);
  const repoPort = values['repo-port'] === undefined ? undefined : wholeNumber('--repo-port', values['repo-port']);
  const lab = await labUp({
    hosts,
    name: stringValue(values['name']) ?? DEFAULT_LAB_NAME,
    ...(typeof values['subnet'] === 'string' ? { subnet: values['subnet'] } : {}),
    ...(repoPort === undefined ? {} : { repoPort }),
    log: io.err,
  });
  printLab(lab, io);
  io.out(lab.inventoryPath);
  return 0;
}

async function down(args: readonly string[], io: LabIo, deps: LabCommandDeps): Promise<number> {
  const { values } = parse(args, { name: { type: 'string' } });
  if (values['help'] === true) return help(io);
  preflight(deps.uid === undefined ? {} : { uid: deps.uid });
  const name = stringValue(values['name']) ?? DEFAULT_LAB_NAME;
  const existed = existsSync(stateDirFor(name)) || (await listLabNetns(checkLabName(name))).length > 0;
  await labDown(name);
  io.out(existed ? `lab ${name}: down` : `lab ${name}: not found, nothing to remove`);
  return 0;
}

async function status(args: readonly string[], io: LabIo): Promise<number> {
  const { values } = parse(args, {});
  if (values['help'] === true) return help(io);
  const labs = await labStatus();
  let healthy = true;
  if (labs.length === 0) io.out(currentUid() === 0 ? 'no labs' : 'no labs readable (lab folders are readable by root only)');
  for (const lab of labs) {
    io.out(`lab ${lab.name}  ${lab.subnet}  repository ${lab.repoUrl} (${lab.repoServer ? 'up' : 'down'})  ${lab.inventoryPath}`);
    healthy &&= lab.repoServer;
    for (const host of lab.hosts) {
      io.out(`  ${host.name.padEnd(12)} ${host.address.padEnd(15)} sshd ${host.sshd ? 'up' : 'DOWN'}`);
      healthy &&= host.sshd;
    }
  }
  const known = new Set(labs.map((lab) => lab.name));
  const orphans = (await listLabNetns().catch(() => [])).filter((ns) => !known.has(ns.split('.')[1] ?? ''));
  if (orphans.length > 0) {
    io.err(`namespaces without a lab folder (remove with \`deckhand lab down --name NAME\`): ${orphans.join(', ')}`);
    healthy = false;
  }
  return healthy ? 0 : 1;
}

function printLab(lab: LabInfo, io: LabIo): void {
  const first = lab.hosts[0];
  io.out(`lab ${lab.name} on ${lab.subnet} (this machine is ${lab.gateway})`);
  for (const host of lab.hosts) io.out(`  ${host.name.padEnd(12)} ${host.address}`);
  io.out(`repository: ${lab.repoUrl}`);
  if (first) io.out(`connect:    ssh -i ${lab.privateKeyPath} -o UserKnownHostsFile=${lab.knownHostsPath} root@${first.address}`);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parse(args: readonly string[], options: OptionSpec): { values: Record<string, string | boolean | undefined> } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new LabError('USAGE', `unexpected argument "${positionals[0] ?? ''}"`);
    return { values };
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError('USAGE', `${error instanceof Error ? error.message : String(error)}; try \`deckhand lab --help\``);
  }
}

function help(io: LabIo): number {
  io.out(LAB_HELP);
  return 0;
}

function wholeNumber(flag: string, text: string | boolean | undefined): number {
  const value = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new LabError('USAGE', `${flag} needs a whole number, not "${String(text)}"`);
  return value;
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

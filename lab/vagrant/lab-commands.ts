// Every external command the harness runs, as argv arrays built by pure
// functions: the tests check them without running anything, and nothing is
// ever joined into a shell string on this side.

export type Provider = 'virtualbox' | 'libvirt';
export const PROVIDERS: readonly Provider[] = ['virtualbox', 'libvirt'];

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

/** argv[0] is the program, the rest its arguments. */
export type Argv = readonly [string, ...string[]];

export const vagrantVersion = (): Argv => ['vagrant', '--version'];

export const vagrantValidate = (): Argv => ['vagrant', 'validate', '--ignore-provider'];

export const vagrantUp = (provider: Provider): Argv => ['vagrant', 'up', `--provider=${provider}`];

export const vagrantStatus = (): Argv => ['vagrant', 'status', '--machine-readable'];

export const vagrantSshConfig = (machines: readonly string[] = []): Argv => ['vagrant', 'ssh-config', ...machines];

export const vagrantDestroy = (): Argv => ['vagrant', 'destroy', '-f'];

/**
 * Runs one command on a machine through Vagrant's own SSH settings. `-- -T`
 * stops Vagrant from asking ssh for a terminal, which would turn newlines into
 * CRLF and merge stderr into stdout (Vagrant's global `--no-tty` only changes
 * its own UI, not this).
 */
export function vagrantSsh(machine: string, command: string): Argv {
  return ['vagrant', 'ssh', machine, '-c', command, '--', '-T'];
}

/** The host keys a machine holds, read through Vagrant's channel (not the private network). */
export const hostPublicKeys = (machine: string): Argv => vagrantSsh(machine, 'cat /etc/ssh/ssh_host_*_key.pub');

export const kubectlGetNodes = (): Argv => vagrantSsh('master', 'kubectl get nodes -o json');

export const kubectlGetPods = (namespace: string): Argv =>
  vagrantSsh('master', `kubectl get pods -n ${namespace} -o json`);

export interface KeyscanOptions {
  readonly addresses: readonly string[];
  readonly port?: number;
  readonly timeoutSeconds?: number;
  readonly types?: readonly string[];
}

/** ssh-keyscan against the private addresses, the ones deckhand will connect to. */
export function sshKeyscan(opts: KeyscanOptions): Argv {
  if (opts.addresses.length === 0) throw new Error('ssh-keyscan needs at least one address');
  const port = opts.port ?? 22;
  const types = opts.types ?? ['ed25519', 'ecdsa', 'rsa'];
  return [
    'ssh-keyscan',
    '-T', String(opts.timeoutSeconds ?? 5),
    '-p', String(port),
    '-t', types.join(','),
    ...opts.addresses,
  ];
}

export interface DeckhandRunOptions {
  /** The node binary; the harness passes process.execPath. */
  readonly node: string;
  /** bin/deckhand.js, relative to the repository root. */
  readonly bin?: string;
  readonly playbook?: string;
  readonly inventory?: string;
  readonly report: string;
}

export function deckhandRun(opts: DeckhandRunOptions): Argv {
  return [
    opts.node,
    opts.bin ?? 'bin/deckhand.js',
    'run',
    opts.playbook ?? 'playbooks/site.yml',
    '-i',
    opts.inventory ?? 'inventory/vagrant.yml',
    '--report',
    opts.report,
  ];
}

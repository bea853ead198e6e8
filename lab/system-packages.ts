// The Debian packages the demo, the lab, the tests and the benchmark need from the machine, and
// the plan for getting the missing ones. Pure: the installer (install-system-packages.ts) asks
// dpkg what is there and carries the plan out.

/** What a package is needed for; each purpose includes the lab's packages. */
export type Purpose = 'demo' | 'test' | 'bench';

export const PURPOSES: readonly Purpose[] = ['demo', 'test', 'bench'];

interface SystemPackage {
  readonly name: string;
  /** Why deckhand needs it, printed when it is installed. */
  readonly why: string;
  readonly purposes: readonly Purpose[];
}

const ALL: readonly Purpose[] = PURPOSES;

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: 'openssh-server', why: "each lab host's sshd", purposes: ALL },
  { name: 'openssh-sftp-server', why: "the lab hosts' file transfers", purposes: ALL },
  { name: 'openssh-client', why: 'ssh-keygen for test keys', purposes: ALL },
  { name: 'iproute2', why: "the lab's namespaces, bridge and links", purposes: ALL },
  { name: 'attr', why: "setfattr for the lab hosts' overlay roots", purposes: ALL },
  { name: 'util-linux', why: 'unshare and nsenter for the lab hosts', purposes: ALL },
  { name: 'mount', why: "the lab hosts' overlay and tmpfs mounts", purposes: ALL },
  { name: 'dpkg-dev', why: "the lab's stand-in .deb packages", purposes: ALL },
  { name: 'gnupg', why: "signing the lab's apt repositories", purposes: ALL },
  { name: 'openssl', why: "the lab cluster's certificates", purposes: ALL },
  { name: 'mosquitto', why: "the MQTT broker inside the lab's EMQX stand-in", purposes: ALL },
  { name: 'sudo', why: "become on the lab hosts: the roles and the tests' plays run tasks as root through sudo", purposes: ALL },
  { name: 'curl', why: 'get_url, uri and the dashboard check on lab hosts', purposes: ALL },
  { name: 'ca-certificates', why: 'curl on lab hosts', purposes: ALL },
  { name: 'python3', why: 'ansible-playbook on the lab hosts', purposes: ['test', 'bench'] },
  { name: 'ansible', why: 'ansible-playbook, the oracle of the compatibility tests and the benchmark', purposes: ['test', 'bench'] },
  { name: 'mosquitto-clients', why: 'MQTT tests against a real broker', purposes: ['test'] },
  { name: 'vagrant', why: '`vagrant validate` of the Vagrantfile', purposes: ['test'] },
  { name: 'vagrant-libvirt', why: "`vagrant validate` of the Vagrantfile's libvirt provider block", purposes: ['test'] },
  { name: 'time', why: "GNU time for the benchmark's peak memory", purposes: ['bench'] },
];

export function packagesFor(purpose: Purpose): readonly SystemPackage[] {
  return SYSTEM_PACKAGES.filter((p) => p.purposes.includes(purpose));
}

export interface MachineFacts {
  readonly isRoot: boolean;
  /** apt-get and dpkg-query are on the machine (Debian or Ubuntu). */
  readonly hasApt: boolean;
  /** Installed package names; undefined when dpkg cannot be asked. */
  readonly installed: ReadonlySet<string> | undefined;
  /** The user asked not to install anything (DECKHAND_NO_APT=1). */
  readonly declined: boolean;
}

export type PackagePlan =
  | { readonly kind: 'present'; readonly count: number }
  | { readonly kind: 'install'; readonly missing: readonly SystemPackage[]; readonly command: readonly string[] }
  /** Missing, and not installable by us: what to run instead, and why not. */
  | { readonly kind: 'manual'; readonly missing: readonly SystemPackage[]; readonly command: string; readonly reason: string }
  /** No dpkg to ask: the lab's own check of its programs decides (lab/preflight.ts). */
  | { readonly kind: 'unknown'; readonly wanted: readonly SystemPackage[] };

export const APT_INSTALL = ['apt-get', 'install', '-y', '-q', '--no-install-recommends'] as const;

export function planPackages(purpose: Purpose, facts: MachineFacts): PackagePlan {
  const wanted = packagesFor(purpose);
  const { installed } = facts;
  if (!facts.hasApt || installed === undefined) return { kind: 'unknown', wanted };
  const missing = wanted.filter((p) => !installed.has(p.name));
  if (missing.length === 0) return { kind: 'present', count: wanted.length };
  const names = missing.map((p) => p.name);
  if (!facts.isRoot || facts.declined) {
    return {
      kind: 'manual',
      missing,
      command: `sudo apt-get install --no-install-recommends ${names.join(' ')}`,
      reason: facts.declined ? 'DECKHAND_NO_APT is set' : 'installing needs root',
    };
  }
  return { kind: 'install', missing, command: [...APT_INSTALL, ...names] };
}

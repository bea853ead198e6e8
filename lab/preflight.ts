// Checks that the machine can run a lab before anything is created, and
// says exactly what to install when it cannot.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LabError } from './lab-error.js';

interface Tool {
  readonly program: string;
  readonly debianPackage: string;
  /** Absolute path used when the program lives outside PATH (sftp-server). */
  readonly path?: string;
}

export const REQUIRED_TOOLS: readonly Tool[] = [
  { program: 'sshd', debianPackage: 'openssh-server' },
  { program: 'sftp-server', debianPackage: 'openssh-sftp-server', path: '/usr/lib/openssh/sftp-server' },
  { program: 'ip', debianPackage: 'iproute2' },
  { program: 'setfattr', debianPackage: 'attr' },
  { program: 'unshare', debianPackage: 'util-linux' },
  { program: 'mount', debianPackage: 'mount' },
  { program: 'chroot', debianPackage: 'coreutils' },
  // The lab hosts share the machine's programs; plays that use become run sudo inside them.
  { program: 'sudo', debianPackage: 'sudo' },
];

export type Lookup = (program: string) => boolean;

// sshd and ip live in sbin, which a non-login root shell may lack in PATH.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin'];

export function findOnPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  return dirs.some((dir) => isExecutable(join(dir, program)));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function checkRoot(uid: number): void {
  if (uid !== 0) {
    throw new LabError(
      'NOT_ROOT',
      'the namespace lab needs root: it creates network namespaces, a bridge and mounts. Run it as root (for example with sudo).',
    );
  }
}

export function checkTools(lookup: Lookup = findOnPath): void {
  const missing = REQUIRED_TOOLS.filter((tool) => !(tool.path ? isExecutable(tool.path) || lookup(tool.program) : lookup(tool.program)));
  if (missing.length === 0) return;
  const programs = missing.map((tool) => `${tool.program} (package ${tool.debianPackage})`).join(', ');
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))].join(' ');
  throw new LabError('MISSING_TOOLS', `missing ${programs}. Install with: apt-get install ${packages}`);
}

export interface PreflightInput {
  readonly uid?: number;
  readonly lookup?: Lookup;
}

/** Root first: without it nothing else matters. */
export function preflight(input: PreflightInput = {}): void {
  checkRoot(input.uid ?? currentUid());
  checkTools(input.lookup);
}

export function currentUid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : -1;
}

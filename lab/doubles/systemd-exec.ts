// Turning a unit's Exec line into argv and environment the way systemd does:
// no shell, $VAR splits into words, ${VAR} stays one word, a leading "-"
// means "ignore failure".
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exists } from './fs-atomic.js';
import { hostPath, isRooted, labRoot } from './lab-env.js';
import { parseAssignments, splitWords, type ServiceDef } from './systemd-units.js';

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
// Tools the lab shadows in /usr/local/sbin; units that name the real path get the stand-in.
const SHADOWED = new Set(['modprobe', 'sysctl', 'swapoff', 'swapon', 'systemctl', 'lsmod']);

export interface ExecLine {
  readonly ignoreFailure: boolean;
  readonly argv: readonly string[];
}

/** A service's environment: systemd's own PATH, then Environment= and EnvironmentFile=. */
export function serviceEnv(def: ServiceDef): Record<string, string> {
  const env: Record<string, string> = { PATH: rootedPath(SYSTEM_PATH), LANG: 'C.UTF-8' };
  // Test roots are passed through so the service sees the same modelled host.
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('DECKHAND_LAB_') && value !== undefined) env[key] = value;
  }
  for (const [key, value] of def.environment) env[key] = value;
  for (const spec of def.environmentFiles) {
    const optional = spec.startsWith('-');
    const path = optional ? spec.slice(1) : spec;
    let text: string;
    try {
      text = readFileSync(hostPath(path), 'utf8');
    } catch {
      if (optional) continue;
      throw new Error(`Failed to load environment files: No such file or directory (${path})`);
    }
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      for (const [key, value] of parseAssignments(trimmed)) env[key] = value;
    }
  }
  return env;
}

export function parseExecLine(line: string, env: Readonly<Record<string, string>>): ExecLine {
  let rest = line.trim();
  let ignoreFailure = false;
  while (/^[-@+!:]/.test(rest)) {
    if (rest.startsWith('-')) ignoreFailure = true;
    rest = rest.slice(1);
  }
  const argv: string[] = [];
  for (const word of splitWords(rest)) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole) {
      // Unbraced: the value splits into words, and an empty value disappears.
      argv.push(...splitWords(env[whole[1] ?? ''] ?? ''));
      continue;
    }
    argv.push(word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? ''));
  }
  const [command, ...args] = argv;
  return { ignoreFailure, argv: command === undefined ? [] : [resolveCommand(command), ...args] };
}

/** The file to execute for a unit's absolute command path on the modelled host. */
export function resolveCommand(command: string): string {
  if (!command.startsWith('/')) return command;
  const name = basename(command);
  if (SHADOWED.has(name) && exists(hostPath(join('/usr/local/sbin', name)))) return hostPath(join('/usr/local/sbin', name));
  if (isRooted() && exists(hostPath(command))) return hostPath(command);
  return command;
}

function rootedPath(path: string): string {
  if (!isRooted()) return path;
  const rooted = path.split(':').map((dir) => join(labRoot(), dir));
  return [...rooted, path].join(':');
}

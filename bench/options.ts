// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly hosts: number;
  readonly tasks: number;
  readonly forks: number;
  /** Runs of deckhand and of the floor per measurement; the median is reported. */
  readonly repeat: number;
  readonly scale: boolean;
  readonly skipAnsible: boolean;
  readonly skipStartup: boolean;
  /** Spawned runs per start-up command; the median is reported. */
  readonly startupRuns: number;
  /** Where the JSON results go. */
  readonly out: string;
  readonly labName: string;
  /** Folder for V8 CPU profiles of every deckhand run (node --cpu-prof); slows those runs. */
  readonly cpuProfDir?: string;
}

export const SCALE_HOSTS = [1, 10, 30, 100] as const;

export const USAGE = `usage: npm run bench -- [options]
  --hosts N        lab hosts (default 30)
  --tasks N        tasks in the playbook, half file, half command (default 20)
  --forks N        deckhand and ansible forks (default: hosts)
  --repeat N       runs of deckhand and the floor; the median is shown (default 3)
  --scale          also run deckhand at ${SCALE_HOSTS.join(', ')} hosts (seconds per host-task)
  --skip-ansible   do not run ansible-playbook
  --skip-startup   do not time --version and --syntax-check
  --startup-runs N runs of each start-up command (default 10)
  --out FILE       results file (default bench/results/latest.json)
  --lab-name NAME  name of the lab to create (default bench)
  --cpu-prof DIR   profile every deckhand run into DIR (read with dist/bench/profile-top.js)`;

export function parseOptions(argv: readonly string[], defaultOut: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      hosts: { type: 'string' },
      tasks: { type: 'string' },
      forks: { type: 'string' },
      repeat: { type: 'string' },
      scale: { type: 'boolean' },
      'skip-ansible': { type: 'boolean' },
      'skip-startup': { type: 'boolean' },
      'startup-runs': { type: 'string' },
      out: { type: 'string' },
      'lab-name': { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  const hosts = count(values.hosts, 'hosts', 30, 250);
  return {
    hosts,
    tasks: count(values.tasks, 'tasks', 20, 1000),
    forks: count(values.forks, 'forks', hosts, 1000),
    repeat: count(values.repeat, 'repeat', 3, 50),
    scale: values.scale === true,
    skipAnsible: values['skip-ansible'] === true,
    skipStartup: values['skip-startup'] === true,
    startupRuns: count(values['startup-runs'], 'startup-runs', 10, 100),
    out: values.out ?? defaultOut,
    labName: values['lab-name'] ?? 'bench',
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
  };
}

export class UsageError extends Error {}

function count(raw: string | undefined, name: string, dflt: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not ${raw}`);
  return n;
}

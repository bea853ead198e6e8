// A small flag parser with the conventions of the Go tools being modelled
// (pflag): --name=value, --name value, -n value, -nvalue, and booleans that
// accept --name=false.

export interface FlagSpec {
  /** Canonical long name without dashes, plus short/long aliases. */
  readonly names: readonly string[];
  readonly bool?: boolean;
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly values: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(name, spec);
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const add = (spec: FlagSpec, value: string): void => {
    const key = spec.names[0] ?? '';
    values.set(key, [...(values.get(key) ?? []), value]);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const body = arg.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    let name = eq >= 0 ? body.slice(0, eq) : body;
    let inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (!long && name.length > 1 && !byName.has(name)) {
      // -nkube-system, -owide
      inline = name.slice(1) + (inline !== undefined ? `=${inline}` : '');
      name = name.slice(0, 1);
    }
    const spec = byName.get(name);
    if (!spec) throw new UsageError(long ? `unknown flag: --${name}` : `unknown shorthand flag: '${name}' in ${arg}`);
    if (spec.bool) {
      add(spec, inline ?? 'true');
      continue;
    }
    if (inline !== undefined) {
      add(spec, inline);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined) throw new UsageError(`flag needs an argument: ${arg}`);
    add(spec, next);
    i++;
  }
  return { positional, values };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const all = args.values.get(name);
  return all ? all[all.length - 1] : undefined;
}

export function flagAll(args: ParsedArgs, name: string): string[] {
  return args.values.get(name) ?? [];
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  const value = flag(args, name);
  return value !== undefined && value !== 'false';
}

/** Go duration strings as the tools accept them: 30s, 5m, 1h30m, 24h0m0s, 90 (seconds). */
export function parseDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * (units[match[2] ?? 's'] ?? 1000);
    rest = rest.slice(match[0].length);
  }
  return total;
}

/** Output sink for a command: collected, then written once by the entry point. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

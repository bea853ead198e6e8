// `deckhand run` options, with ansible-playbook's names and meanings.
import { parseArgs } from 'node:util';

export interface RunOptions {
  readonly playbook: string;
  readonly inventories: readonly string[];
  readonly limit?: string;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly extraVars: readonly string[];
  readonly forks: number;
  readonly check: boolean;
  readonly diff: boolean;
  readonly verbosity: number;
  readonly syntaxCheck: boolean;
  readonly listHosts: boolean;
  readonly listTasks: boolean;
  readonly listTags: boolean;
  readonly startAtTask?: string;
  readonly report?: string;
  readonly vaultPasswordFiles: readonly string[];
  /** --vault-id values as given: [label@]file-or-prompt. */
  readonly vaultIds: readonly string[];
  readonly askVaultPass: boolean;
  readonly noColor: boolean;
  readonly help: boolean;
}

export type ParsedRun = { ok: true; options: RunOptions } | { ok: false; message: string };

const spec = {
  inventory: { type: 'string', short: 'i', multiple: true },
  limit: { type: 'string', short: 'l' },
  tags: { type: 'string', short: 't', multiple: true },
  'skip-tags': { type: 'string', multiple: true },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  forks: { type: 'string', short: 'f' },
  check: { type: 'boolean', short: 'C' },
  diff: { type: 'boolean', short: 'D' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  'syntax-check': { type: 'boolean' },
  'list-hosts': { type: 'boolean' },
  'list-tasks': { type: 'boolean' },
  'list-tags': { type: 'boolean' },
  'start-at-task': { type: 'string' },
  report: { type: 'string' },
  'vault-password-file': { type: 'string', multiple: true },
  'vault-id': { type: 'string', multiple: true },
  'ask-vault-pass': { type: 'boolean', short: 'J' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const splitList = (vs: readonly string[] | undefined): string[] =>
  (vs ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);

export function parseRunOptions(argv: readonly string[]): ParsedRun {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { ok: true, options: { ...defaults(''), help: true } };
  if (positionals.length !== 1) {
    return { ok: false, message: positionals.length === 0 ? 'missing PLAYBOOK' : `expected one playbook, got: ${positionals.join(' ')}` };
  }
  const forks = v.forks === undefined ? 5 : Number(v.forks);
  if (!Number.isInteger(forks) || forks < 1) return { ok: false, message: `--forks must be a positive integer, got '${v.forks}'` };
  return {
    ok: true,
    options: {
      ...defaults(positionals[0] ?? ''),
      inventories: v.inventory ?? [],
      ...(v.limit !== undefined ? { limit: v.limit } : {}),
      tags: splitList(v.tags),
      skipTags: splitList(v['skip-tags']),
      extraVars: v['extra-vars'] ?? [],
      forks,
      check: v.check === true,
      diff: v.diff === true,
      verbosity: v.verbose?.length ?? 0,
      syntaxCheck: v['syntax-check'] === true,
      listHosts: v['list-hosts'] === true,
      listTasks: v['list-tasks'] === true,
      listTags: v['list-tags'] === true,
      ...(v['start-at-task'] !== undefined ? { startAtTask: v['start-at-task'] } : {}),
      ...(v.report !== undefined ? { report: v.report } : {}),
      vaultPasswordFiles: v['vault-password-file'] ?? [],
      vaultIds: v['vault-id'] ?? [],
      askVaultPass: v['ask-vault-pass'] === true,
      noColor: v['no-color'] === true,
    },
  };
}

function defaults(playbook: string): RunOptions {
  return {
    playbook,
    inventories: [],
    tags: [],
    skipTags: [],
    extraVars: [],
    forks: 5,
    check: false,
    diff: false,
    verbosity: 0,
    syntaxCheck: false,
    listHosts: false,
    listTasks: false,
    listTags: false,
    vaultPasswordFiles: [],
    vaultIds: [],
    askVaultPass: false,
    noColor: false,
    help: false,
  };
}

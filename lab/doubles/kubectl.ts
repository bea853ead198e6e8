// kubectl for the stand-in cluster: the verbs and flags roles use, same
// output and exit codes (errors on stderr, status 1).
import { readFileSync } from 'node:fs';
import { flag, flagAll, flagBool, parseArgs, parseDuration, processIo, UsageError, type FlagSpec, type Io, type ParsedArgs } from './cli-args.js';
import { isMain } from './lab-env.js';
import { applyManifests } from './kubectl-apply.js';
import { connect, KubectlError } from './kubectl-context.js';
import { buildCreated, printCreated } from './kubectl-create.js';
import { deleteResources, requireTarget } from './kubectl-delete.js';
import { getResources, parseResourceArgs, type GetOptions } from './kubectl-get.js';
import { clientVersionText, clusterInfoText, cordon, label, scale, serverVersionText } from './kubectl-misc.js';
import { rolloutStatus, waitFor } from './kubectl-wait.js';
import { loadManifests } from './manifest-source.js';
import { parseSelector, SelectorError } from './labels.js';

const bool = (...names: string[]): FlagSpec => ({ names, bool: true });
const value = (...names: string[]): FlagSpec => ({ names });
const FLAGS: FlagSpec[] = [
  value('namespace', 'n'), value('kubeconfig'), value('context'), value('output', 'o'), value('selector', 'l'), value('filename', 'f'),
  value('field-selector'), value('for'), value('timeout'), value('replicas'), value('from-literal'), value('from-file'), value('type'),
  value('request-timeout'), value('cascade'), value('grace-period'), value('validate'), value('field-manager'), value('v'), value('sort-by'),
  bool('all-namespaces', 'A'), bool('recursive', 'R'), bool('no-headers'), bool('show-labels'), bool('all'), bool('ignore-not-found'),
  bool('dry-run'), bool('overwrite'), bool('client'), bool('wait'), bool('force'), bool('server-side'), bool('save-config'), bool('record'),
  bool('watch', 'w'), bool('insecure-skip-tls-verify'),
];

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function dryRun(args: ParsedArgs): 'client' | 'server' | undefined {
  const mode = flag(args, 'dry-run');
  if (mode === undefined || mode === 'none' || mode === 'false') return undefined;
  if (mode === 'client' || mode === 'server') return mode;
  throw new KubectlError(`error: Invalid dry-run value (${mode === 'true' ? 'unchanged' : mode}). Must be "none", "server", or "client".`);
}

function timeoutMs(args: ParsedArgs, fallback: number): number {
  const text = flag(args, 'timeout');
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined) throw new KubectlError(`error: invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  return ms;
}

export async function kubectl(argv: readonly string[], stdin: () => string, io: Io): Promise<number> {
  let failed = false;
  const report = (r: { lines: string[]; errors: string[]; notices?: string[] }): void => {
    for (const line of r.lines) io.out(`${line}\n`);
    for (const line of r.notices ?? []) io.err(`${line}\n`);
    for (const line of r.errors) io.err(`${line}\n`);
    failed ||= r.errors.length > 0;
  };
  try {
    const args = parseArgs(argv, FLAGS);
    const [verb, ...rest] = args.positional;
    if (verb === 'version' && flagBool(args, 'client')) {
      io.out(clientVersionText(flag(args, 'output')));
      return 0;
    }
    const mode = dryRun(args);
    if (verb === 'create' && mode === 'client' && rest[0] !== undefined && flagAll(args, 'filename').length === 0) {
      io.out(printCreated(buildCreated({ what: rest[0], args: rest.slice(1), namespace: flag(args, 'namespace') ?? 'default', literals: flagAll(args, 'from-literal'), files: flagAll(args, 'from-file'), ...(flag(args, 'type') ? { type: flag(args, 'type') ?? '' } : {}) }), flag(args, 'output')));
      return 0;
    }
    if (verb === undefined) throw new KubectlError('kubectl controls the Kubernetes cluster manager.\n\nerror: a command is required');
    if (verb === 'version') {
      try {
        await connect(flag(args, 'kubeconfig'));
      } catch (error) {
        io.out(clientVersionText(flag(args, 'output')));
        throw error;
      }
      io.out(serverVersionText(flag(args, 'output')));
      return 0;
    }
    const config = await connect(flag(args, 'kubeconfig'));
    const namespace = flag(args, 'namespace') ?? config.namespace ?? 'default';
    let selector;
    try {
      selector = flag(args, 'selector') === undefined ? undefined : parseSelector(flag(args, 'selector') ?? '');
    } catch (error) {
      if (error instanceof SelectorError) throw new KubectlError(`error: ${error.message}`);
      throw error;
    }
    const getOpts: GetOptions = {
      namespace,
      allNamespaces: flagBool(args, 'all-namespaces'),
      ...(selector ? { selector } : {}),
      ...(flag(args, 'field-selector') ? { fieldSelector: flag(args, 'field-selector') ?? '' } : {}),
      ...(flag(args, 'output') ? { output: flag(args, 'output') ?? '' } : {}),
      noHeaders: flagBool(args, 'no-headers'),
      showLabels: flagBool(args, 'show-labels'),
    };
    const files = flagAll(args, 'filename');
    const applyOpts = { ...(flag(args, 'namespace') ? { namespace } : {}), defaultNamespace: config.namespace ?? 'default', ...(mode ? { dryRun: mode } : {}), ignoreNotFound: flagBool(args, 'ignore-not-found'), saveConfig: flagBool(args, 'save-config') };
    switch (verb) {
      case 'cluster-info':
        io.out(clusterInfoText(config.server));
        break;
      case 'apply':
        if (flagBool(args, 'server-side')) throw new KubectlError('error: the lab kubectl supports client-side apply only');
        report(applyManifests(await loadManifests(files, stdin), { ...applyOpts, mode: 'apply' }));
        break;
      case 'create':
        if (files.length > 0) report(applyManifests(await loadManifests(files, stdin), { ...applyOpts, mode: 'create' }));
        else {
          const obj = buildCreated({ what: rest[0] ?? '', args: rest.slice(1), namespace, literals: flagAll(args, 'from-literal'), files: flagAll(args, 'from-file'), ...(flag(args, 'type') ? { type: flag(args, 'type') ?? '' } : {}) });
          report(applyManifests([{ obj, source: 'STDIN' }], { ...applyOpts, mode: 'create' }));
        }
        break;
      case 'delete':
        if (files.length > 0) report(applyManifests(await loadManifests(files, stdin), { ...applyOpts, mode: 'delete' }));
        else {
          const queries = parseResourceArgs(rest);
          for (const q of queries) requireTarget(q.names, selector, flagBool(args, 'all'));
          report(deleteResources(queries.map((q) => ({ info: q.info, names: q.names, namespace, ...(selector ? { selector } : {}), all: flagBool(args, 'all'), ignoreNotFound: flagBool(args, 'ignore-not-found') }))));
        }
        break;
      case 'get': {
        if (flagBool(args, 'watch')) throw new KubectlError('error: the lab kubectl does not watch; poll with kubectl wait or rollout status');
        const queries = parseResourceArgs(rest);
        if (queries.some((q) => q.info.kind === 'Endpoints')) io.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
        const result = getResources(queries, getOpts);
        io.out(result.out);
        if (result.notice) io.err(`${result.notice}\n`);
        report({ lines: [], errors: result.errors });
        break;
      }
      case 'wait': {
        const forSpec = flag(args, 'for');
        if (!forSpec) throw new KubectlError('error: --for must be specified');
        const queries = parseResourceArgs(rest);
        for (const q of queries) report({ lines: waitFor(q, getOpts, forSpec, timeoutMs(args, 30_000)), errors: [] });
        break;
      }
      case 'rollout': {
        if (rest[0] !== 'status') throw new KubectlError(`error: the lab kubectl supports "rollout status" only`);
        const [query] = parseResourceArgs(rest.slice(1));
        if (query) rolloutStatus(query, getOpts, timeoutMs(args, 300_000), flag(args, 'watch') !== 'false', io.out);
        break;
      }
      case 'label': {
        const [first, second, ...restArgs] = rest;
        const byType = first?.includes('/');
        const [query] = parseResourceArgs(byType ? [first ?? ''] : [first ?? '', second ?? '']);
        const changes = byType ? [second ?? '', ...restArgs].filter(Boolean) : restArgs;
        if (query?.names[0]) io.out(`${label(query.info, query.names[0], namespace, changes, flagBool(args, 'overwrite'))}\n`);
        break;
      }
      case 'scale': {
        const [query] = parseResourceArgs(rest);
        const replicas = Number(flag(args, 'replicas'));
        if (!Number.isInteger(replicas) || replicas < 0) throw new KubectlError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
        if (query?.names[0]) io.out(`${scale(query.info, query.names[0], namespace, replicas)}\n`);
        break;
      }
      case 'cordon':
      case 'uncordon':
        io.out(`${cordon(rest[0] ?? '', verb === 'cordon')}\n`);
        break;
      default:
        throw new KubectlError(`error: unknown command "${verb}" for "kubectl" (the lab kubectl implements apply, create, delete, get, wait, rollout status, label, scale, cordon, uncordon, cluster-info, version)`);
    }
  } catch (error) {
    if (error instanceof KubectlError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\nSee 'kubectl --help' for usage.\n`);
      return 1;
    }
    throw error;
  }
  return failed ? 1 : 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await kubectl(process.argv.slice(2), readStdin, processIo);
}

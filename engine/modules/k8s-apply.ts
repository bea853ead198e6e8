// k8s_apply: `kubectl apply` of a manifest on the host (usually the control plane). The manifest
// comes from a controller file (`src`), a template, an inline `definition` (YAML text or
// objects), or a file already on the host (`src` with remote_src). It goes to kubectl on stdin.
// Changed when kubectl reports an object `created` or `configured` (`deleted` for absent).
// Check mode asks the API server with --dry-run=server; where that fails, `kubectl diff`'s
// exit code (0 same, 1 different) decides; if neither can tell, the result is unknown.
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { defineModule, type ModuleContext } from './types.js';
import { outputData } from './support/command-result.js';
import { firstError, run } from './support/host.js';
import { fail } from './support/outcome.js';
import { bool, enumOf, objectSchema, str } from './support/schema.js';

export interface K8sApplyArgs {
  readonly src?: string;
  readonly remote_src?: boolean;
  readonly template?: string;
  readonly definition?: unknown;
  readonly manifest?: unknown;
  readonly namespace?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly state?: 'present' | 'absent';
  readonly kubectl?: string;
}

export interface ObjectResult {
  readonly kind: string;
  readonly name: string;
  readonly action: string;
}

const LINE = /^([\w.-]+)\/(\S+) (created|configured|unchanged|deleted|pruned|serverside-applied)(?: \((?:server )?dry run\))?$/;
// kubectl delete prints `deployment.apps "emqx" deleted`.
const DELETED = /^([\w.-]+) "([^"]+)" deleted(?: \((?:server )?dry run\))?$/;
const CHANGES = new Set(['created', 'configured', 'deleted', 'pruned']);

/** `deployment.apps/emqx configured` lines → objects; other lines are ignored. */
export function parseApplyOutput(out: string): ObjectResult[] {
  const objects: ObjectResult[] = [];
  for (const line of out.split('\n')) {
    const m = LINE.exec(line.trim()) ?? DELETED.exec(line.trim());
    if (m !== null) objects.push({ kind: m[1] ?? '', name: m[2] ?? '', action: m[3] ?? 'deleted' });
  }
  return objects;
}

export function anyChange(objects: readonly ObjectResult[]): boolean {
  return objects.some((o) => CHANGES.has(o.action));
}

/** Inline definitions: YAML text as is; an object or a list of objects as YAML documents. */
export function manifestText(def: unknown): string {
  if (typeof def === 'string') return def;
  const docs = Array.isArray(def) ? def : [def];
  return docs.map((d) => stringify(d)).join('---\n');
}

type Source = { stdin: string } | { path: string } | { error: string };

async function source(args: K8sApplyArgs, ctx: ModuleContext): Promise<Source> {
  const given = [args.src, args.template, args.definition ?? args.manifest].filter((v) => v !== undefined).length;
  if (given !== 1) return { error: 'give exactly one of src, template, definition' };
  if (args.src !== undefined && args.remote_src === true) return { path: args.src };
  if (args.src !== undefined) {
    const local = ctx.resolveLocal('files', args.src);
    if (local === undefined) return { error: `Could not find or access '${args.src}' on the controller` };
    return { stdin: await readFile(local, 'utf8') };
  }
  if (args.template !== undefined) {
    const local = ctx.resolveLocal('templates', args.template);
    if (local === undefined) return { error: `Could not find or access '${args.template}' on the controller` };
    const r = await ctx.renderTemplate(local);
    return r.ok ? { stdin: r.text } : { error: r.msg };
  }
  return { stdin: manifestText(args.definition ?? args.manifest) };
}

function common(args: K8sApplyArgs, src: { stdin: string } | { path: string }): string[] {
  return [
    '-f', 'path' in src ? src.path : '-',
    ...(args.namespace === undefined ? [] : ['-n', args.namespace]),
    ...(args.kubeconfig === undefined ? [] : ['--kubeconfig', args.kubeconfig]),
    ...(args.context === undefined ? [] : ['--context', args.context]),
  ];
}

const stdinOf = (src: { stdin: string } | { path: string }): { stdin?: string } => ('stdin' in src ? { stdin: src.stdin } : {});

export const k8sApply = defineModule<K8sApplyArgs, { stdin: string } | { path: string }>({
  name: 'k8s_apply',
  aliases: ['k8s'],
  schema: objectSchema({
    src: str,
    remote_src: { ...bool, default: false },
    template: str,
    definition: { type: ['string', 'object', 'array'] },
    manifest: { type: ['string', 'object', 'array'] },
    namespace: str,
    kubeconfig: str,
    context: str,
    state: { ...enumOf('present', 'absent'), default: 'present' },
    kubectl: { ...str, default: 'kubectl' },
  }),
  async check(args, ctx) {
    const src = await source(args, ctx);
    if ('error' in src) return fail(src.error);
    if (!ctx.check) return { changed: 'unknown', plan: src };
    const kubectl = args.kubectl ?? 'kubectl';
    if (args.state === 'absent') {
      const got = await run(ctx, [kubectl, 'get', ...common(args, src), '--ignore-not-found', '-o', 'name'], stdinOf(src));
      if (got.rc !== 0) return { changed: 'unknown', msg: `kubectl get failed: ${firstError(got)}` };
      return got.stdout.trim() === '' ? { changed: false, final: { changed: false, data: { result: [] } } } : { changed: true, plan: src };
    }
    const dry = await run(ctx, [kubectl, 'apply', '--dry-run=server', ...common(args, src)], stdinOf(src));
    if (dry.rc === 0) {
      const objects = parseApplyOutput(dry.stdout);
      return anyChange(objects) ? { changed: true, plan: src, msg: objects.filter((o) => CHANGES.has(o.action)).map((o) => `${o.kind}/${o.name} ${o.action}`).join(', ') } : { changed: false, final: { changed: false, data: { result: objects } } };
    }
    const diff = await run(ctx, [kubectl, 'diff', ...common(args, src)], stdinOf(src));
    if (diff.rc === 0) return { changed: false, final: { changed: false, data: { result: [] } } };
    if (diff.rc === 1) return { changed: true, plan: src, ...(ctx.diff ? { diff: [{ path: 'kubectl diff', before: '', after: diff.stdout }] } : {}) };
    return { changed: 'unknown', msg: `cannot predict: ${firstError(dry)}` };
  },
  async apply(args, ctx, outcome) {
    const src = outcome.plan;
    if (src === undefined) return { changed: false, failed: true, msg: 'nothing to apply' };
    const kubectl = args.kubectl ?? 'kubectl';
    const argv = args.state === 'absent' ? [kubectl, 'delete', ...common(args, src), '--ignore-not-found'] : [kubectl, 'apply', ...common(args, src)];
    const res = await run(ctx, argv, stdinOf(src));
    const objects = parseApplyOutput(res.stdout);
    const data = { ...outputData(res), result: objects };
    if (res.rc !== 0) return { changed: anyChange(objects), failed: true, msg: `${argv.slice(0, 2).join(' ')} failed: ${firstError(res)}`, data };
    return { changed: anyChange(objects), data };
  },
});

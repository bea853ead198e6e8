// file: makes a path a file, directory, symbolic or hard link, removes it, or touches it,
// and sets its mode/owner/group (recursively for directories with recurse). Check probes the
// path, its target and the link source in one round trip, then apply changes what differs; the
// decision is in support/file-state.ts. A real run of the common states without --diff does
// both in a single round trip (support/file-once.ts).
import { dirname, isAbsolute } from 'node:path';
import { defineModule, type CheckOutcome, type ModuleContext, type ModuleResult } from './types.js';
import { decideAttrs, describeAttrs, pathData, stateDiff, type AttrState } from './support/file-attrs.js';
import { onceRequest, runOnce, type OnceRequest } from './support/file-once.js';
import { probeFacts } from './support/file-probe.js';
import { decideFile, defaultState, type FileDecision, type FileFacts, type FileState } from './support/file-state.js';
import { firstError, runScript } from './support/host.js';
import { fail, unchanged } from './support/outcome.js';
import { PROBE_FN, parseProbe } from './support/probe-path.js';
import { enumOf, fileAttrs, objectSchema, pick, str } from './support/schema.js';
import { SET_ATTRS_FN } from './support/write-file.js';

export interface FileArgs {
  readonly path?: string;
  readonly dest?: string;
  readonly name?: string;
  readonly state?: FileState;
  readonly src?: string;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
  readonly recurse?: boolean;
  readonly force?: boolean;
  readonly follow?: boolean;
  readonly access_time?: 'now' | 'preserve';
  readonly modification_time?: 'now' | 'preserve';
}

interface ApplyPlan {
  readonly path: string;
  readonly decision: FileDecision;
  readonly recurse: boolean;
}

/** Either what check decided, or (`once`) a request to probe and apply in one script. */
type FilePlan = ApplyPlan | { readonly once: OnceRequest };

const RECURSE_SCRIPT = `find "$1" -printf '%m\\t%u\\t%g\\t%U\\t%G\\t%y\\n' | sort -u | head -n 10000`;

/** Whether anything under a directory differs from the requested attributes (unique combinations only). */
async function recurseDiffers(ctx: ModuleContext, path: string, args: FileArgs): Promise<boolean | string> {
  const res = await runScript(ctx, RECURSE_SCRIPT, [path.startsWith('-') ? `./${path}` : path]);
  if (res.rc !== 0) return `cannot list ${path}: ${firstError(res)}`;
  for (const line of res.stdout.split('\n')) {
    const [m, owner, group, uid, gid, type] = line.split('\t');
    if (m === undefined || type === undefined) continue;
    const info: AttrState = { mode: parseInt(m, 8), owner: owner ?? '', group: group ?? '', uid: Number(uid), gid: Number(gid) };
    const mode = type === 'l' ? undefined : args.mode;
    const a = decideAttrs({ mode, owner: args.owner, group: args.group }, info, type === 'd');
    if (!a.ok) return a.msg;
    if (a.changed) return true;
  }
  return false;
}

const APPLY_SCRIPT = `${PROBE_FN}
${SET_ATTRS_FN}
p=$1; action=$2; src=$3; force=$4; mode=$5; owner=$6; group=$7; recurse=$8
case $action in
  remove) rm -rf -- "$p" || exit 1; echo absent; exit 0 ;;
  mkdir) mkdir -p -- "$p" || exit 1 ;;
  touch) touch -- "$p" || exit 1 ;;
  link) if [ "$force" = 1 ] && [ -d "$p" ] && [ ! -L "$p" ]; then rmdir -- "$p" || exit 1; fi
        ln -sfn -- "$src" "$p" || exit 1 ;;
  hard) ln -f -- "$src" "$p" || exit 1 ;;
esac
nf=0; [ -L "$p" ] && nf=1
if [ "$recurse" = 1 ]; then
  { [ -z "$mode" ] || chmod -R -- "$mode" "$p"; } && { [ -z "$owner" ] || chown -R -- "$owner" "$p"; } &&
  { [ -z "$group" ] || chgrp -R -- "$group" "$p"; } || exit 1
else
  [ "$nf" = 1 ] && mode=
  set_attrs "$p" "$mode" "$owner" "$group" "$nf" || exit 1
fi
probe "$p" 0 '' 0 0`;

/** From the facts about the path, what check reports: a final result or a plan to apply. */
async function decide(args: FileArgs, ctx: ModuleContext, path: string, facts: FileFacts): Promise<CheckOutcome<FilePlan>> {
  const { self, target } = facts;
  const recurse = args.recurse === true;
  const state = args.state ?? defaultState(facts, recurse);
  const touchTimes = !(args.access_time === 'preserve' && args.modification_time === 'preserve');
  const req = { state, src: args.src, attrs: { mode: args.mode, owner: args.owner, group: args.group }, force: args.force === true, follow: args.follow !== false, touchTimes };
  const decision = decideFile(path, req, facts);
  if ('error' in decision) return fail(decision.error, { path });
  let changed = decision.changed;
  const useRecurse = recurse && state === 'directory';
  if (useRecurse && !changed && target !== undefined) {
    const differs = await recurseDiffers(ctx, path, args);
    if (typeof differs === 'string') return fail(differs);
    changed = differs;
  }
  const shown = decision.action === 'none' && (self?.type !== 'link' || !req.follow) ? self : target;
  if (!changed) return unchanged({ ...pathData(path, shown), ...(args.src === undefined ? {} : { src: args.src }) });
  const before = describeAttrs(self, decision.before);
  const after = decision.after === 'absent' ? { state: 'absent' } : { ...before, state: decision.after, ...decision.attrs };
  return {
    changed: true,
    plan: { path, decision, recurse: useRecurse },
    ...(ctx.diff ? { diff: [stateDiff(path, before, after)] } : {}),
  };
}

function applyFailed(plan: ApplyPlan, err: string): ModuleResult {
  const { action } = plan.decision;
  return { changed: false, failed: true, msg: `${action === 'none' ? 'set attributes of' : action} ${plan.path}: ${err}` };
}

/**
 * One round trip: the host changed what differs. `changed` still comes from decideFile on the
 * facts before; when that wants a change the host did not make, the two-step apply makes it.
 */
async function applyOnce(args: FileArgs, ctx: ModuleContext, req: OnceRequest): Promise<ModuleResult> {
  const res = await runOnce(ctx, req);
  if (!res.ok) {
    if (res.facts === undefined) return { changed: false, failed: true, msg: res.msg };
    // Named after the action the two-step path would have failed in, as its message is.
    const planned = (await decide(args, ctx, req.path, res.facts)).plan;
    if (planned !== undefined && !('once' in planned)) return applyFailed(planned, res.msg);
    return { changed: false, failed: true, msg: `${req.state} ${req.path}: ${res.msg}` };
  }
  if (res.acted) return { changed: true, data: pathData(req.path, res.after) };
  const outcome = await decide(args, ctx, req.path, res.facts);
  if (outcome.final !== undefined) return outcome.final;
  const plan = outcome.plan;
  if (plan === undefined || 'once' in plan) return { changed: false, failed: true, msg: `${req.path}: nothing planned` };
  return applyPlan(args, ctx, plan, undefined);
}

async function applyPlan(args: FileArgs, ctx: ModuleContext, plan: ApplyPlan, diff: CheckOutcome['diff']): Promise<ModuleResult> {
  const { decision } = plan;
  const mode = plan.recurse && args.mode !== undefined ? String(typeof args.mode === 'number' ? args.mode.toString(8) : args.mode) : (decision.attrs.mode ?? '');
  const argv = [
    plan.path,
    decision.action,
    args.src ?? '',
    args.force === true ? '1' : '0',
    mode,
    plan.recurse ? (args.owner ?? '') : (decision.attrs.owner ?? ''),
    plan.recurse ? (args.group ?? '') : (decision.attrs.group ?? ''),
    plan.recurse ? '1' : '0',
  ];
  const res = await runScript(ctx, APPLY_SCRIPT, argv);
  if (res.rc !== 0) return applyFailed(plan, firstError(res));
  const info = parseProbe(res.stdout)?.info;
  return {
    changed: true,
    ...(diff === undefined ? {} : { diff }),
    data: { ...pathData(plan.path, info), ...(args.src === undefined ? {} : { src: args.src }) },
  };
}

export const file = defineModule<FileArgs, FilePlan>({
  name: 'file',
  schema: objectSchema(
    {
      path: str,
      state: enumOf('file', 'directory', 'link', 'hard', 'absent', 'touch'),
      src: str,
      ...fileAttrs,
      recurse: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      follow: { type: 'boolean', default: true },
      access_time: enumOf('now', 'preserve'),
      modification_time: enumOf('now', 'preserve'),
    },
    { aliases: { dest: 'path', name: 'path' } },
  ),
  async check(args, ctx) {
    const path = pick(args.path, args.dest, args.name);
    if (path === undefined) return fail('path is required');
    const once = onceRequest(ctx, path, args);
    if (once !== undefined) return { changed: 'unknown', plan: { once } };
    const srcPath = args.src === undefined ? undefined : isAbsolute(args.src) ? args.src : `${dirname(path)}/${args.src}`;
    const probed = await probeFacts(ctx, path, srcPath === undefined ? undefined : { path: srcPath, follow: args.state !== 'hard' });
    if (!probed.ok) return fail(probed.msg);
    return decide(args, ctx, path, probed.facts);
  },
  async apply(args, ctx, outcome) {
    const plan = outcome.plan;
    if (plan === undefined) return { changed: false, msg: 'nothing to do' };
    if ('once' in plan) return applyOnce(args, ctx, plan.once);
    return applyPlan(args, ctx, plan, outcome.diff);
  },
});

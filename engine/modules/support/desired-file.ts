// A file with a wanted content and attributes: the decision (check) and the change (apply),
// shared by copy, template, the line editors and the modules that own a config file.
import type { CheckOutcome, FileDiff, ModuleContext, ModuleResult } from '../types.js';
import { decideAttrs, describeAttrs, pathData, stateDiff, type AttrArgs, type AttrChange } from './file-attrs.js';
import type { PathInfo } from './probe-path.js';
import { setAttrs, writeFile, type WriteSource } from './write-file.js';

export interface FilePlan {
  readonly dest: string;
  /** Where new content comes from; undefined when the content is already right. */
  readonly source?: WriteSource;
  readonly attrs: AttrChange;
  readonly backup: boolean;
  readonly msg?: string;
}

export interface DesiredFile {
  readonly dest: string;
  readonly info: PathInfo | undefined;
  readonly source?: WriteSource;
  /** Whether `source` differs from what is there; when false the source is not written. */
  readonly contentChanged: boolean;
  readonly attrs: AttrArgs;
  readonly backup?: boolean;
  /** The text diff, when the caller has both sides. */
  readonly diff?: FileDiff;
  readonly wantDiff: boolean;
  readonly msg?: string;
}

/** Unchanged outcomes carry `final` so the registered data is there without apply. */
export function planFile(d: DesiredFile, extra: Readonly<Record<string, unknown>> = {}): CheckOutcome<FilePlan> {
  const writing = d.contentChanged && d.source !== undefined;
  // A rewritten file keeps its mode/owner/group unless asked, so compare against what is there.
  const attrs = decideAttrs(d.attrs, d.info, false);
  if (!attrs.ok) return { changed: false, final: { changed: false, failed: true, msg: attrs.msg } };
  const changed = writing || attrs.changed;
  if (!changed) {
    const final: ModuleResult = { changed: false, ...(d.msg === undefined ? {} : { msg: d.msg }), data: unchangedFileData(d.dest, d.info, extra) };
    return { changed: false, final };
  }
  const plan: FilePlan = {
    dest: d.dest,
    ...(writing && d.source !== undefined ? { source: d.source } : {}),
    attrs: attrs.change,
    backup: d.backup === true,
    ...(d.msg === undefined ? {} : { msg: d.msg }),
  };
  let diff: FileDiff | undefined;
  if (d.wantDiff) {
    if (writing && d.diff !== undefined) diff = d.diff;
    else if (!writing) {
      const before = describeAttrs(d.info, 'file');
      diff = stateDiff(d.dest, before, { ...before, ...attrsAfter(attrs.change) });
    }
  }
  return { changed, plan, ...(diff === undefined ? {} : { diff: [diff] }), ...(d.msg === undefined ? {} : { msg: d.msg }) };
}

function attrsAfter(change: AttrChange): Record<string, string> {
  return {
    ...(change.mode === undefined ? {} : { mode: change.mode }),
    ...(change.owner === undefined ? {} : { owner: change.owner }),
    ...(change.group === undefined ? {} : { group: change.group }),
  };
}

/** Makes the planned change; `extra` is merged into the registered data. */
export async function applyFile(
  ctx: ModuleContext,
  outcome: CheckOutcome<FilePlan>,
  extra: Readonly<Record<string, unknown>> = {},
  backupKey = 'backup_file',
): Promise<ModuleResult> {
  const plan = outcome.plan;
  if (plan === undefined) return { changed: false, msg: 'nothing to do' };
  const diff = outcome.diff === undefined ? {} : { diff: outcome.diff };
  const res =
    plan.source !== undefined
      ? await writeFile(ctx, { dest: plan.dest, source: plan.source, ...plan.attrs, backup: plan.backup })
      : await setAttrs(ctx, plan.dest, plan.attrs);
  if (!res.ok) return { changed: false, failed: true, msg: res.msg };
  const data: Record<string, unknown> = {
    ...pathData(plan.dest, res.info),
    dest: plan.dest,
    ...(res.info.checksums.sha1 === undefined ? {} : { checksum: res.info.checksums.sha1 }),
    ...extra,
  };
  if ('backupFile' in res && res.backupFile !== undefined) data[backupKey] = res.backupFile;
  return { changed: true, ...(plan.msg === undefined ? {} : { msg: plan.msg }), ...diff, data };
}

/** Registered data for a file that needed no change. */
export function unchangedFileData(dest: string, info: PathInfo | undefined, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    ...pathData(dest, info),
    dest,
    ...(info?.checksums.sha1 === undefined ? {} : { checksum: info.checksums.sha1 }),
    ...extra,
  };
}

// copy and template: put known bytes at `dest` when the host's checksum differs.
import { createHash } from 'node:crypto';
import type { CheckOutcome, FileDiff, ModuleContext } from '../types.js';
import { planFile, type FilePlan } from './desired-file.js';
import type { AttrArgs } from './file-attrs.js';
import { fail } from './outcome.js';
import { probePath, probePaths, type PathInfo } from './probe-path.js';
import { asText, isShowable } from './text.js';

export interface ContentRequest {
  readonly dest: string;
  /** Bytes from the controller, or a path on the host (copy with remote_src). */
  readonly content: Uint8Array | { readonly remotePath: string };
  /** File name used when `dest` is a directory (the source's basename). */
  readonly basename?: string;
  readonly attrs: AttrArgs;
  readonly force: boolean;
  readonly backup: boolean;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function joinDir(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

async function probeDest(ctx: ModuleContext, dest: string): Promise<{ ok: true; info: PathInfo | undefined } | { ok: false; msg: string }> {
  return probePath(ctx, dest, { checksums: ['sha1', 'sha256'], content: ctx.diff });
}

export async function checkContent(ctx: ModuleContext, req: ContentRequest): Promise<CheckOutcome<FilePlan>> {
  let dest = req.dest.endsWith('/') && req.basename !== undefined ? joinDir(req.dest, req.basename) : req.dest;
  const remote = 'remotePath' in req.content ? req.content.remotePath : undefined;
  let srcInfo: PathInfo | undefined;
  let info: PathInfo | undefined;
  if (remote !== undefined) {
    const probed = await probePaths(ctx, [
      { path: remote, opts: { follow: true, checksums: ['sha1', 'sha256'] } },
      { path: dest, opts: { checksums: ['sha1', 'sha256'], content: ctx.diff } },
    ]);
    if (!probed.ok) return fail(probed.msg);
    [srcInfo, info] = probed.infos;
    if (srcInfo?.type !== 'file') return fail(`Source ${remote} not found or not a regular file`);
  } else {
    const probed = await probeDest(ctx, dest);
    if (!probed.ok) return fail(probed.msg);
    info = probed.info;
  }
  if (info?.type === 'directory') {
    if (req.basename === undefined) return fail(`can not use content with a dir as dest: ${dest}`);
    dest = joinDir(dest, req.basename);
    const again = await probeDest(ctx, dest);
    if (!again.ok) return fail(again.msg);
    info = again.info;
    if (info?.type === 'directory') return fail(`${dest} is a directory`);
  }
  const bytes = remote === undefined ? (req.content as Uint8Array) : undefined;
  const want = bytes !== undefined ? sha256(bytes) : srcInfo?.checksums.sha256;
  const differs = info?.type !== 'file' || info.checksums.sha256 !== want;
  const contentChanged = info === undefined || (req.force && differs);
  let diff: FileDiff | undefined;
  if (ctx.diff && contentChanged && bytes !== undefined) {
    const after = asText(bytes);
    const before = info === undefined ? '' : info.content;
    if (after !== undefined && (info === undefined || isShowable(before))) diff = { path: dest, before: before ?? '', after };
  }
  const checksum = bytes !== undefined ? sha1(bytes) : srcInfo?.checksums.sha1;
  return planFile(
    {
      dest,
      info,
      source: bytes !== undefined ? { kind: 'stdin', content: bytes } : { kind: 'copy', from: remote ?? '' },
      contentChanged,
      attrs: req.attrs,
      backup: req.backup,
      ...(diff === undefined ? {} : { diff }),
      wantDiff: ctx.diff,
    },
    { ...req.extra, ...(checksum === undefined ? {} : { checksum }) },
  );
}

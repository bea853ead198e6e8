// Editors of text files (lineinfile, blockinfile, replace, sysctl): read the file once, compute
// the new text with a pure function, and hand the result to planFile.
import type { CheckOutcome, ModuleContext } from '../types.js';
import { planFile, type FilePlan } from './desired-file.js';
import type { AttrArgs } from './file-attrs.js';
import { fail } from './outcome.js';
import { probePath, type PathInfo } from './probe-path.js';

/** Files larger than this are refused rather than edited in memory. */
const MAX_TEXT = 16 << 20;

export type ReadText = { ok: true; info: PathInfo | undefined; text: string | undefined } | { ok: false; msg: string };

/** Reads a text file with its stat in one round trip; `text` is undefined when it does not exist. */
export async function readText(ctx: ModuleContext, path: string): Promise<ReadText> {
  const probe = await probePath(ctx, path, { follow: true, content: true, checksums: ['sha1'], maxContent: MAX_TEXT });
  if (!probe.ok) return probe;
  const info = probe.info;
  if (info === undefined) return { ok: true, info, text: undefined };
  if (info.type !== 'file') return { ok: false, msg: `${path} is a ${info.type}, not a regular file` };
  if (info.content === undefined) return { ok: false, msg: `${path} is not readable or larger than ${MAX_TEXT} bytes` };
  return { ok: true, info, text: info.content };
}

export interface TextEdit {
  readonly text: string;
  readonly msg: string;
}

export interface TextEditOptions {
  readonly path: string;
  readonly attrs: AttrArgs;
  readonly backup?: boolean | undefined;
  /** Registered data merged into the result, e.g. {msg, backup}. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * Runs `edit` on the current text (undefined for a missing file) and plans the write.
 * `edit` returns the new text, undefined to leave a missing file missing, or an error.
 */
export async function checkText(
  ctx: ModuleContext,
  opts: TextEditOptions,
  edit: (before: string | undefined) => TextEdit | { error: string } | undefined,
): Promise<CheckOutcome<FilePlan>> {
  const read = await readText(ctx, opts.path);
  if (!read.ok) return fail(read.msg);
  const result = edit(read.text);
  if (result !== undefined && 'error' in result) return fail(result.error);
  const after = result?.text;
  const contentChanged = after !== undefined && after !== read.text;
  const msg = contentChanged ? result?.msg : undefined;
  if (read.info === undefined && after === undefined) {
    return { changed: false, final: { changed: false, msg: result?.msg ?? 'file not present', data: { path: opts.path, ...opts.extra } } };
  }
  return planFile(
    {
      dest: opts.path,
      info: read.info,
      ...(after === undefined ? {} : { source: { kind: 'stdin', content: after } }),
      contentChanged,
      attrs: opts.attrs,
      backup: opts.backup === true,
      diff: { path: opts.path, before: read.text ?? '', after: after ?? '' },
      wantDiff: ctx.diff,
      ...(msg === undefined ? {} : { msg }),
    },
    { ...opts.extra, ...(msg === undefined ? {} : { msg }) },
  );
}

// copy: puts `content`, a controller file (`src`, looked up in the role's files/), or with
// remote_src a file already on the host, at `dest`. Idempotence: sha256 of the new bytes
// (computed on the controller) against sha256sum of dest on the host, in one round trip.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { defineModule } from './types.js';
import { checkContent } from './support/content-file.js';
import { applyFile, type FilePlan } from './support/desired-file.js';
import { formatMode } from './support/mode.js';
import { fail } from './support/outcome.js';
import { fileAttrs, objectSchema, str } from './support/schema.js';

export interface CopyArgs {
  readonly src?: string;
  readonly content?: string;
  readonly dest: string;
  readonly remote_src?: boolean;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
  readonly backup?: boolean;
  readonly force?: boolean;
}

export const copy = defineModule<CopyArgs, FilePlan>({
  name: 'copy',
  schema: objectSchema(
    {
      src: str,
      content: str,
      dest: str,
      remote_src: { type: 'boolean', default: false },
      ...fileAttrs,
      backup: { type: 'boolean', default: false },
      force: { type: 'boolean', default: true },
    },
    { required: ['dest'] },
  ),
  async check(args, ctx) {
    if ((args.src === undefined) === (args.content === undefined)) return fail('give exactly one of src and content');
    let content: Uint8Array | { remotePath: string };
    let mode = args.mode;
    if (args.content !== undefined) content = new TextEncoder().encode(args.content);
    else if (args.remote_src === true) content = { remotePath: args.src ?? '' };
    else {
      const local = ctx.resolveLocal('files', args.src ?? '');
      if (local === undefined) return fail(`Could not find or access '${args.src ?? ''}' on the controller`);
      const st = await stat(local).catch(() => undefined);
      if (st === undefined) return fail(`Could not find or access '${local}' on the controller`);
      if (st.isDirectory()) return fail(`src ${local} is a directory; copying directories is not supported, use file + copy per file`);
      content = await readFile(local);
      if (mode === 'preserve') mode = formatMode(st.mode);
    }
    if (mode === 'preserve' && args.remote_src === true) mode = undefined;
    return checkContent(ctx, {
      dest: args.dest,
      content,
      ...(args.src === undefined ? {} : { basename: basename(args.src) }),
      attrs: { mode, owner: args.owner, group: args.group },
      force: args.force !== false,
      backup: args.backup === true,
      extra: args.src === undefined ? {} : { src: args.src },
    });
  },
  async apply(args, ctx, outcome) {
    return applyFile(ctx, outcome, args.src === undefined ? {} : { src: args.src });
  },
});

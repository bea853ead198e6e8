// blockinfile: a block of lines between two marker lines, inserted, updated in place or
// removed. Markers identify the block, so the same task run twice finds its own block.
// The default marker is Ansible's, so blocks written by Ansible are recognised as ours.
import { defineModule } from './types.js';
import { applyFile, type FilePlan } from './support/desired-file.js';
import { fail } from './support/outcome.js';
import { toRegExp } from './support/py-regex.js';
import { bool, enumOf, fileAttrs, objectSchema, pick, str } from './support/schema.js';
import { checkText, type TextEdit } from './support/text-file.js';
import { splitKeepEnds } from './lineinfile.js';

export interface BlockArgs {
  readonly path?: string;
  readonly dest?: string;
  readonly destfile?: string;
  readonly name?: string;
  readonly block?: string;
  readonly content?: string;
  readonly marker?: string;
  readonly marker_begin?: string;
  readonly marker_end?: string;
  readonly state?: 'present' | 'absent';
  readonly insertafter?: string;
  readonly insertbefore?: string;
  readonly create?: boolean;
  readonly backup?: boolean;
  readonly append_newline?: boolean;
  readonly prepend_newline?: boolean;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

export interface BlockSpec {
  readonly block: string;
  readonly marker: string;
  readonly markerBegin: string;
  readonly markerEnd: string;
  readonly state: 'present' | 'absent';
  readonly insertafter?: string | undefined;
  readonly insertbefore?: string | undefined;
}

export const DEFAULT_MARKER = '# {mark} ANSIBLE MANAGED BLOCK';

export function editBlock(text: string, spec: BlockSpec): TextEdit | { error: string } {
  const lines = splitKeepEnds(text);
  const begin = spec.marker.replace('{mark}', spec.markerBegin);
  const end = spec.marker.replace('{mark}', spec.markerEnd);
  let blockLines: string[] = [];
  if (spec.state === 'present' && spec.block !== '') {
    const body = /[\r\n]$/.test(spec.block) ? spec.block : `${spec.block}\n`;
    blockLines = [`${begin}\n`, ...splitKeepEnds(body), `${end}\n`];
  }
  let n0: number | undefined;
  let n1: number | undefined;
  for (const [i, l] of lines.entries()) {
    const bare = l.replace(/[\r\n]+$/, '');
    if (bare === begin) n0 = i;
    if (bare === end) n1 = i;
  }
  const out = [...lines];
  let at: number;
  if (n0 === undefined || n1 === undefined) {
    const anchor = spec.insertafter !== undefined && spec.insertafter !== 'EOF' ? spec.insertafter : spec.insertbefore !== undefined && spec.insertbefore !== 'BOF' ? spec.insertbefore : undefined;
    if (anchor !== undefined) {
      const re = toRegExp(anchor);
      if (!(re instanceof RegExp)) return re;
      let last: number | undefined;
      for (const [i, l] of lines.entries()) if (re.test(l.replace(/[\r\n]+$/, ''))) last = i;
      at = last === undefined ? lines.length : spec.insertafter !== undefined ? last + 1 : last;
    } else at = spec.insertbefore === 'BOF' ? 0 : lines.length;
  } else if (n0 < n1) {
    out.splice(n0, n1 - n0 + 1);
    at = n0;
  } else {
    out.splice(n1, n0 - n1 + 1);
    at = n1;
  }
  // The line before the block must end with a newline.
  const prev = out[at - 1];
  if (at > 0 && prev !== undefined && !prev.endsWith('\n')) out[at - 1] = `${prev}\n`;
  out.splice(at, 0, ...blockLines);
  const result = out.join('');
  if (result === text) return { text, msg: '' };
  return { text: result, msg: blockLines.length === 0 ? 'Block removed' : 'Block inserted' };
}

export const blockinfile = defineModule<BlockArgs, FilePlan>({
  name: 'blockinfile',
  schema: objectSchema(
    {
      path: str,
      block: { ...str, default: '' },
      marker: { ...str, default: DEFAULT_MARKER },
      marker_begin: { ...str, default: 'BEGIN' },
      marker_end: { ...str, default: 'END' },
      state: { ...enumOf('present', 'absent'), default: 'present' },
      insertafter: str,
      insertbefore: str,
      create: { ...bool, default: false },
      backup: { ...bool, default: false },
      ...fileAttrs,
    },
    { aliases: { dest: 'path', destfile: 'path', name: 'path', content: 'block' } },
  ),
  async check(args, ctx) {
    const path = pick(args.path, args.dest, args.destfile, args.name);
    if (path === undefined) return fail('path is required');
    if (args.insertafter !== undefined && args.insertbefore !== undefined) return fail('insertafter and insertbefore are mutually exclusive');
    const spec: BlockSpec = {
      block: pick(args.block, args.content) ?? '',
      marker: args.marker ?? DEFAULT_MARKER,
      markerBegin: args.marker_begin ?? 'BEGIN',
      markerEnd: args.marker_end ?? 'END',
      state: args.state ?? 'present',
      insertafter: args.insertafter,
      insertbefore: args.insertbefore,
    };
    if (!spec.marker.includes('{mark}')) return fail('marker must contain {mark}');
    return checkText(ctx, { path, attrs: args, backup: args.backup }, (before) => {
      if (before === undefined) {
        if (spec.state === 'absent' || spec.block === '') return undefined;
        if (args.create !== true) return { error: `Path ${path} does not exist !` };
      }
      const r = editBlock(before ?? '', spec);
      if ('error' in r) return r;
      return before === undefined ? { text: r.text, msg: 'File created' } : r;
    });
  },
  async apply(_args, ctx, outcome) {
    return applyFile(ctx, outcome, outcome.plan?.msg === undefined ? {} : { msg: outcome.plan.msg }, 'backup');
  },
});

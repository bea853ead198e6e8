// replace: every match of `regexp` (multiline: ^ and $ match at each line) replaced with
// `replace`, optionally only between `after` and `before`. The usual use: commenting out
// swap lines in /etc/fstab with regexp '^([^#].*\sswap\s.*)$' and replace '# \1'.
import { defineModule } from './types.js';
import { applyFile, type FilePlan } from './support/desired-file.js';
import { fail } from './support/outcome.js';
import { expandTemplate, toRegExp } from './support/py-regex.js';
import { bool, fileAttrs, objectSchema, pick, str } from './support/schema.js';
import { checkText, type TextEdit } from './support/text-file.js';

export interface ReplaceArgs {
  readonly path?: string;
  readonly dest?: string;
  readonly destfile?: string;
  readonly name?: string;
  readonly regexp: string;
  readonly replace?: string;
  readonly after?: string;
  readonly before?: string;
  readonly backup?: boolean;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

export interface ReplaceSpec {
  readonly regexp: string;
  readonly replace: string;
  readonly after?: string | undefined;
  readonly before?: string | undefined;
}

/** Python's re.subn with MULTILINE over the section between `after` and `before`. */
export function editReplace(text: string, spec: ReplaceSpec): TextEdit | { error: string } {
  let start = 0;
  let end = text.length;
  if (spec.after !== undefined || spec.before !== undefined) {
    const section = spec.after !== undefined && spec.before !== undefined
      ? `${spec.after}(?<subsection>.*?)${spec.before}`
      : spec.after !== undefined ? `${spec.after}(?<subsection>.*)` : `(?<subsection>.*)${spec.before ?? ''}`;
    const re = toRegExp(section, 'sd');
    if (!(re instanceof RegExp)) return re;
    const range = re.exec(text)?.indices?.groups?.['subsection'];
    if (range !== undefined) [start, end] = range;
  }
  const re = toRegExp(spec.regexp, 'gm');
  if (!(re instanceof RegExp)) return re;
  const section = text.slice(start, end);
  let part = '';
  let last = 0;
  let count = 0;
  for (const m of section.matchAll(re)) {
    part += section.slice(last, m.index) + expandTemplate(spec.replace, m);
    last = m.index + m[0].length;
    count++;
  }
  part += section.slice(last);
  const result = text.slice(0, start) + part + text.slice(end);
  return { text: result, msg: count > 0 && result !== text ? `${count} replacements made` : '' };
}

export const replace = defineModule<ReplaceArgs, FilePlan>({
  name: 'replace',
  schema: objectSchema(
    { path: str, regexp: str, replace: { ...str, default: '' }, after: str, before: str, backup: { ...bool, default: false }, ...fileAttrs },
    { required: ['regexp'], aliases: { dest: 'path', destfile: 'path', name: 'path' } },
  ),
  async check(args, ctx) {
    const path = pick(args.path, args.dest, args.destfile, args.name);
    if (path === undefined) return fail('path is required');
    const spec: ReplaceSpec = { regexp: args.regexp, replace: args.replace ?? '', after: args.after, before: args.before };
    return checkText(ctx, { path, attrs: args, backup: args.backup }, (before) => {
      if (before === undefined) return { error: `Path ${path} does not exist !` };
      return editReplace(before, spec);
    });
  },
  async apply(_args, ctx, outcome) {
    return applyFile(ctx, outcome, outcome.plan?.msg === undefined ? {} : { msg: outcome.plan.msg }, 'backup');
  },
});

// template: renders a controller template (looked up in the role's templates/) with the
// task's variables and puts the text at `dest`, exactly like copy with content.
import { basename } from 'node:path';
import { defineModule } from './types.js';
import { checkContent } from './support/content-file.js';
import { applyFile, type FilePlan } from './support/desired-file.js';
import { fail } from './support/outcome.js';
import { fileAttrs, objectSchema, str } from './support/schema.js';

export interface TemplateArgs {
  readonly src: string;
  readonly dest: string;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
  readonly backup?: boolean;
  readonly force?: boolean;
}

export const template = defineModule<TemplateArgs, FilePlan>({
  name: 'template',
  schema: objectSchema(
    { src: str, dest: str, ...fileAttrs, backup: { type: 'boolean', default: false }, force: { type: 'boolean', default: true } },
    { required: ['src', 'dest'] },
  ),
  async check(args, ctx) {
    const local = ctx.resolveLocal('templates', args.src);
    if (local === undefined) return fail(`Could not find or access '${args.src}' on the controller`);
    const rendered = await ctx.renderTemplate(local);
    if (!rendered.ok) return fail(rendered.msg);
    return checkContent(ctx, {
      dest: args.dest,
      content: new TextEncoder().encode(rendered.text),
      basename: basename(args.src).replace(/\.(hbs|handlebars|j2)$/, ''),
      attrs: { mode: args.mode === 'preserve' ? undefined : args.mode, owner: args.owner, group: args.group },
      force: args.force !== false,
      backup: args.backup === true,
      extra: { src: args.src },
    });
  },
  async apply(args, ctx, outcome) {
    return applyFile(ctx, outcome, { src: args.src });
  },
});

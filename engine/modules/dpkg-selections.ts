// dpkg_selections: a package's selection state, e.g. `hold` so apt upgrades leave it alone
// (what `apt-mark hold` does). Probe: `dpkg --get-selections NAME`; change: `dpkg --set-selections`.
import { defineModule } from './types.js';
import { firstError, run } from './support/host.js';
import { fail, unchanged } from './support/outcome.js';
import { enumOf, objectSchema, str } from './support/schema.js';

export interface DpkgSelectionsArgs {
  readonly name: string;
  readonly selection: 'install' | 'hold' | 'deinstall' | 'purge';
}

/** The selection from `dpkg --get-selections` output, or 'not present'. */
export function parseSelection(out: string, name: string): string {
  for (const line of out.split('\n')) {
    const [pkg, sel] = line.trim().split(/\s+/);
    if (pkg !== undefined && sel !== undefined && (pkg === name || pkg.split(':')[0] === name)) return sel;
  }
  return 'not present';
}

export const dpkgSelections = defineModule<DpkgSelectionsArgs, string>({
  name: 'dpkg_selections',
  schema: objectSchema({ name: str, selection: enumOf('install', 'hold', 'deinstall', 'purge') }, { required: ['name', 'selection'] }),
  async check(args, ctx) {
    if (!/^[a-z0-9][a-z0-9+.:-]*$/.test(args.name)) return fail(`invalid package name ${args.name}`);
    const res = await run(ctx, ['dpkg', '--get-selections', args.name]);
    if (res.rc !== 0) return fail(`dpkg --get-selections failed: ${firstError(res)}`);
    const current = parseSelection(res.stdout, args.name);
    const data = { name: args.name, selection: args.selection, before: current, after: args.selection };
    if (current === args.selection) return unchanged(data);
    return {
      changed: true,
      plan: current,
      ...(ctx.diff ? { diff: [{ path: `dpkg selection of ${args.name}`, before: `${current}\n`, after: `${args.selection}\n` }] } : {}),
    };
  },
  async apply(args, ctx, outcome) {
    const res = await run(ctx, ['dpkg', '--set-selections'], { stdin: `${args.name} ${args.selection}\n` });
    const data = { name: args.name, selection: args.selection, before: outcome.plan ?? 'not present', after: args.selection };
    if (res.rc !== 0) return { changed: false, failed: true, msg: `dpkg --set-selections failed: ${firstError(res)}`, data };
    return { changed: true, ...(outcome.diff === undefined ? {} : { diff: outcome.diff }), data };
  },
});

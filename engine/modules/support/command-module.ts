// command and shell differ only in how they turn their arguments into what to run; the schema
// they share, the creates/removes guards and the run itself live here once.
import { defineModule, type AnyModule, type JsonSchema } from '../types.js';
import { fail } from './outcome.js';
import { checkGuards, runCommand, type CommandRun } from './run-command.js';
import { objectSchema, str } from './schema.js';

type Planned = CommandRun & { creates?: string; removes?: string };

export function commandModule<A>(
  name: string,
  ownArgs: Readonly<Record<string, JsonSchema>>,
  plan: (args: A) => Planned | { error: string },
): AnyModule {
  return defineModule<A, CommandRun>({
    name,
    freeForm: 'cmd',
    schema: objectSchema({
      cmd: str,
      ...ownArgs,
      creates: str,
      removes: str,
      chdir: str,
      stdin: str,
      stdin_add_newline: { type: 'boolean', default: true },
      strip_empty_ends: { type: 'boolean', default: true },
    }),
    async check(args, ctx) {
      const r = plan(args);
      if ('error' in r) return fail(r.error);
      return checkGuards(ctx, r, r);
    },
    async apply(_args, ctx, outcome) {
      if (outcome.plan === undefined) return { changed: false, failed: true, msg: 'nothing planned' };
      return runCommand(ctx, outcome.plan);
    },
  });
}

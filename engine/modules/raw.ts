// raw: the command line as written, through /bin/sh (or `executable`), with no guards and
// no processing: the escape hatch for hosts that lack what the other modules expect.
import { defineModule } from './types.js';
import { fail } from './support/outcome.js';
import { runCommand, type CommandRun } from './support/run-command.js';
import { objectSchema, str } from './support/schema.js';

export interface RawArgs {
  readonly cmd?: string;
  readonly executable?: string;
}

export const raw = defineModule<RawArgs, CommandRun>({
  name: 'raw',
  freeForm: 'cmd',
  schema: objectSchema({ cmd: str, executable: str }),
  async check(args, ctx) {
    if (args.cmd === undefined || args.cmd.trim() === '') return fail('no command given');
    const plan: CommandRun = { argv: [args.executable ?? '/bin/sh', '-c', args.cmd], shown: args.cmd, stripEmptyEnds: false };
    return { changed: true, plan, ...(ctx.check ? { msg: 'Command would have run if not in check mode' } : {}) };
  },
  async apply(_args, ctx, outcome) {
    if (outcome.plan === undefined) return { changed: false, failed: true, msg: 'nothing planned' };
    return runCommand(ctx, outcome.plan);
  },
});

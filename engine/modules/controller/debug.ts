// debug: prints a message or a variable's value; never changes anything.
import { defineModule } from '../types.js';

interface DebugArgs {
  msg?: unknown;
  var?: string;
  verbosity?: number;
}

export const debug = defineModule<DebugArgs>({
  name: 'debug',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { msg: {}, var: { type: 'string' }, verbosity: { type: 'integer', minimum: 0 } },
  },
  async check(args, ctx) {
    if (args.var !== undefined) {
      const r = ctx.evaluate?.(args.var) ?? { ok: false as const, msg: 'variables are not available here' };
      const value = r.ok ? r.value : `VARIABLE IS NOT DEFINED! (${r.msg})`;
      return { changed: false, final: { changed: false, data: { [args.var]: value } } };
    }
    const msg = args.msg === undefined ? 'Hello world!' : args.msg;
    return { changed: false, final: { changed: false, data: { msg } } };
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});

// fail: stops this host with a message (usually under `when:`).
import { defineModule } from '../types.js';

export const fail = defineModule<{ msg?: string }>({
  name: 'fail',
  local: true,
  schema: { type: 'object', additionalProperties: false, properties: { msg: { type: 'string' } } },
  async check(args) {
    const msg = args.msg ?? 'Failed as requested from task';
    return { changed: false, final: { changed: false, failed: true, msg } };
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false, failed: true };
  },
});

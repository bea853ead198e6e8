// meta: engine actions (flush_handlers, end_host, end_play, noop, clear_host_errors); the runner acts on data.meta.
import { defineModule } from '../types.js';

export const META_ACTIONS = ['flush_handlers', 'noop', 'end_host', 'end_play', 'clear_host_errors', 'refresh_inventory'] as const;

export const meta = defineModule<{ _raw_params: string }>({
  name: 'meta',
  local: true,
  freeForm: '_raw_params',
  schema: {
    type: 'object',
    required: ['_raw_params'],
    additionalProperties: false,
    properties: { _raw_params: { enum: [...META_ACTIONS] } },
  },
  async check(args) {
    return { changed: false, final: { changed: false, data: { meta: args._raw_params } } };
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});

// pause: waits for seconds/minutes (no interactive prompt: deckhand runs unattended).
import { defineModule } from '../types.js';

interface PauseArgs {
  seconds?: number;
  minutes?: number;
  prompt?: string;
}

export const pause = defineModule<PauseArgs>({
  name: 'pause',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { seconds: { type: 'number', minimum: 0 }, minutes: { type: 'number', minimum: 0 }, prompt: { type: 'string' } },
  },
  async check(args) {
    if (args.seconds === undefined && args.minutes === undefined) {
      return { changed: false, final: { changed: false, failed: true, msg: 'pause needs seconds or minutes (interactive prompts are not supported)' } };
    }
    return { changed: false };
  },
  async apply(args, ctx, outcome) {
    if (outcome.final) return outcome.final;
    const ms = ((args.seconds ?? 0) + (args.minutes ?? 0) * 60) * 1000;
    const start = Date.now();
    await ctx.sleep(ms);
    return { changed: false, data: { delta: (Date.now() - start) / 1000 } };
  },
});

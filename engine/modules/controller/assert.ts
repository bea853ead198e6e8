// assert: every condition in `that` must hold; reports the first that does not.
import { defineModule } from '../types.js';

interface AssertArgs {
  that: string | boolean | (string | boolean)[];
  fail_msg?: string;
  msg?: string;
  success_msg?: string;
  quiet?: boolean;
}

export const assert = defineModule<AssertArgs>({
  name: 'assert',
  local: true,
  schema: {
    type: 'object',
    required: ['that'],
    additionalProperties: false,
    properties: {
      that: { anyOf: [{ type: ['string', 'boolean'] }, { type: 'array', items: { type: ['string', 'boolean'] } }] },
      fail_msg: { type: 'string' },
      msg: { type: 'string' },
      success_msg: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  },
  async check(args, ctx) {
    const conditions = Array.isArray(args.that) ? args.that : [args.that];
    for (const c of conditions) {
      if (typeof c === 'boolean') {
        if (!c) return failed(args, String(c));
        continue;
      }
      const r = ctx.evaluate?.(c) ?? { ok: false as const, msg: 'conditions are not available here' };
      if (!r.ok) return { changed: false, final: { changed: false, failed: true, msg: `assertion '${c}' could not be evaluated: ${r.msg}` } };
      if (!r.value) return failed(args, c);
    }
    const msg = args.success_msg ?? 'All assertions passed';
    return { changed: false, final: { changed: false, msg } };
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});

function failed(args: AssertArgs, condition: string) {
  const msg = args.fail_msg ?? args.msg ?? `Assertion failed: ${condition}`;
  return { changed: false, final: { changed: false, failed: true, msg, data: { assertion: condition, evaluated_to: false } } };
}

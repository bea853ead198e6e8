// An undefined value in flight. Like Ansible's undefined, it is chainable:
// `a.b.c` on a missing `a` stays undefined and remembers the first failure,
// so `a.b.c is defined` is simply false. Anything other than the tests
// `defined`/`undefined` and the `default` filter turns it into EXPR_UNDEFINED.

import { fail } from './errors.js';

export class Undefined {
  constructor(
    readonly message: string,
    readonly offset: number,
    // Lazy, because "did you mean" work is wasted when the value is only
    // tested with `is defined`.
    private readonly makeHint: (() => string | undefined) | undefined = undefined,
  ) {}

  get hint(): string | undefined {
    return this.makeHint?.();
  }
}

export function isUndefined(v: unknown): v is Undefined {
  return v instanceof Undefined;
}

/** Use a value strictly: an Undefined becomes an EXPR_UNDEFINED error at its origin. */
export function strict(v: unknown): unknown {
  if (v instanceof Undefined) {
    fail('EXPR_UNDEFINED', v.message, v.offset, v.hint ?? 'guard with `is defined` or supply a fallback with `| default(...)`');
  }
  return v;
}

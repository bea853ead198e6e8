// A Scope over a plain object of variables: the simplest way to evaluate a
// condition (tests, tools). Only own properties count as defined.

import type { Scope } from './evaluate.js';

export function scopeFromRecord(vars: Readonly<Record<string, unknown>>): Scope {
  return {
    lookup: (name) => (Object.hasOwn(vars, name) ? { found: true, value: vars[name] } : { found: false }),
  };
}

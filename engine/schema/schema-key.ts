// A schema's identity for precompiled validators: a hash of its JSON. A stale build simply misses
// and the schema is compiled at run time instead.
import { createHash } from 'node:crypto';
import type { JsonSchema } from '../modules/types.js';

export function schemaKey(schema: JsonSchema): string {
  return `s${createHash('sha1').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}`;
}

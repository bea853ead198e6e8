// One ajv instance for the whole process: strict (a schema typo fails at start-up), every error
// collected, and each schema compiled once and cached — compiling per call is slow and leaks.
import AjvModule, { type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../modules/types.js';

// ajv ships CommonJS with a default export; under NodeNext the class sits on `.default`.
const Ajv = AjvModule.default;

const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, useDefaults: false, verbose: true });
// verbose: errors carry parentSchema, which the "did you mean" hints read.
const cache = new WeakMap<JsonSchema, ValidateFunction>();

export function validatorFor(schema: JsonSchema): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

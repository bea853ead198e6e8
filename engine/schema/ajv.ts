// One ajv instance for the whole process: strict (a schema typo fails at start-up), every error
// collected, each schema compiled once and cached — compiling per call is slow and leaks. Start-up
// matters too: `npm run build` generates the validators of every known schema ahead of time
// (build-validators.ts); a schema found there is not compiled again at run time.
import { createRequire } from 'node:module';
import AjvModule, { type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../modules/types.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { schemaKey } from './schema-key.js';

// ajv ships CommonJS with a default export; under NodeNext the class sits on `.default`.
const Ajv = AjvModule.default;

let ajv: InstanceType<typeof Ajv> | undefined;
let generated: Readonly<Record<string, ValidateFunction>> | undefined;
const cache = new WeakMap<JsonSchema, ValidateFunction>();

export const GENERATED_FILE = 'validators.generated.cjs';

function precompiled(): Readonly<Record<string, ValidateFunction>> {
  if (!generated) {
    try {
      generated = createRequire(import.meta.url)(`./${GENERATED_FILE}`) as Record<string, ValidateFunction>;
    } catch {
      generated = {};
    }
  }
  return generated;
}

export function validatorFor(schema: JsonSchema): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    fn = precompiled()[schemaKey(schema)] ?? (ajv ??= new Ajv(AJV_OPTIONS)).compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

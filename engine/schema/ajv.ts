// One ajv instance for the whole process: strict (a schema typo fails at start-up), every error
// collected, each schema compiled once and cached — compiling per call is slow and leaks. Start-up
// matters too: `npm run build` generates the validators of every known schema ahead of time
// (build-validators.ts); a schema found there is not compiled again at run time, and ajv itself
// (about 45 ms to load) is only required when a schema is missing from the generated set. The
// generated file is loaded through V8's code cache written at build time.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import cachedScript from '../code-cache/cached-script.cjs';
import type { JsonSchema } from '../modules/types.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { schemaKey } from './schema-key.js';

type AjvClass = typeof AjvModule.default;
const requireHere = createRequire(import.meta.url);

let ajv: InstanceType<AjvClass> | undefined;
let generated: Readonly<Record<string, ValidateFunction>> | undefined;
const cache = new WeakMap<JsonSchema, ValidateFunction>();

const GENERATED_FILE = 'validators.generated.cjs';

/** Resolves the same from dist/engine/schema/ and from the CLI bundle in dist/engine/bundle/. */
export function generatedFilePath(): string {
  return fileURLToPath(new URL(`../schema/${GENERATED_FILE}`, import.meta.url));
}

function precompiled(): Readonly<Record<string, ValidateFunction>> {
  if (!generated) {
    try {
      generated = cachedScript.loadCachedScript(generatedFilePath()).exports as Record<string, ValidateFunction>;
    } catch {
      generated = {};
    }
  }
  return generated;
}

export function validatorFor(schema: JsonSchema): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    fn = precompiled()[schemaKey(schema)] ?? compiler().compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

/** ajv ships CommonJS with the class on `.default`. */
function compiler(): InstanceType<AjvClass> {
  if (!ajv) {
    const Ajv = (requireHere('ajv') as typeof AjvModule).default;
    ajv = new Ajv(AJV_OPTIONS);
  }
  return ajv;
}

// Build step (`npm run build`): writes the validators of every keyword and module schema as one
// CommonJS file beside ajv.js, so a run does not spend its start-up compiling them.
import { writeFileSync } from 'node:fs';
import AjvModule from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { moduleLookup } from '../modules/lookup.js';
import type { JsonSchema } from '../modules/types.js';
import { AJV_OPTIONS } from './ajv-options.js';
import cachedScript from '../code-cache/cached-script.cjs';
import { generatedFilePath } from './ajv.js';
import * as keywordSchemas from './keyword-schemas.js';
import { schemaKey } from './schema-key.js';

const Ajv = AjvModule.default;
const standaloneCode = standaloneModule.default;

/** Values of every JSON type, so each validator's type checks and property loops run once. */
const WARM_UP_SAMPLES: readonly unknown[] = [{}, { name: 'x', state: 'present', path: '/tmp/x' }, [], 'x', 1, true, null];

function allSchemas(): JsonSchema[] {
  const lookup = moduleLookup();
  const modules = lookup.names().flatMap((n) => {
    const m = lookup.get(n);
    return m ? [m.schema] : [];
  });
  const keywords = Object.values(keywordSchemas).filter((v): v is JsonSchema => typeof v === 'object' && v !== null && 'type' in v);
  return [...new Set([...keywords, ...modules])];
}

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const refs: Record<string, string> = {};
for (const schema of allSchemas()) {
  const key = schemaKey(schema);
  if (refs[key]) continue;
  ajv.addSchema(schema, key);
  refs[key] = key;
}
const out = generatedFilePath();
writeFileSync(out, standaloneCode(ajv, refs));

// Run every validator once on a few shapes so the code cache holds them compiled. A cache left by
// an earlier build is not used for the new file (its digest differs) and is overwritten here.
const loaded = cachedScript.loadCachedScript(out);
const validators = Object.values(loaded.exports as Record<string, (data: unknown) => boolean>);
for (const validate of validators) for (const sample of WARM_UP_SAMPLES) validate(sample);
const bytes = loaded.writeCache();
console.log(`${validators.length} validators written to ${out}, code cache ${Math.round(bytes / 1024)} KiB`);

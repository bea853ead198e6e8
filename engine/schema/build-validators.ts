// Build step (`npm run build`): writes the validators of every keyword and module schema as one
// CommonJS file beside ajv.js, so a run does not spend its start-up compiling them.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { moduleLookup } from '../modules/lookup.js';
import type { JsonSchema } from '../modules/types.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { GENERATED_FILE } from './ajv.js';
import * as keywordSchemas from './keyword-schemas.js';
import { schemaKey } from './schema-key.js';

const Ajv = AjvModule.default;
const standaloneCode = standaloneModule.default;

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
const out = fileURLToPath(new URL(`./${GENERATED_FILE}`, import.meta.url));
writeFileSync(out, standaloneCode(ajv, refs));
console.log(`${Object.keys(refs).length} validators written to ${out}`);

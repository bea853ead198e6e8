// Validates a value with ajv and reports located diagnostics. Values that are templates
// ("{{ n }}") are checked again after rendering, so a type error on one is not reported here.
import type { JsonSchema } from '../modules/types.js';
import { validatorFor } from '../schema/ajv.js';
import { ajvToDiagnostics, pointerToPath } from '../schema/to-diagnostics.js';
import type { LoadContext } from './load-context.js';
import type { DataPath, YamlFile } from '../source/yaml-file.js';

export function validateAt(
  ctx: LoadContext,
  schema: JsonSchema,
  value: unknown,
  file: YamlFile,
  path: DataPath,
  what: string,
): boolean {
  const validate = validatorFor(schema);
  if (validate(value)) return true;
  const errors = (validate.errors ?? []).filter((e) => !isTemplate(valueAt(value, pointerToPath(e.instancePath))));
  ctx.report(...ajvToDiagnostics(errors, file, path, what, schema));
  return errors.length === 0;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function isTemplate(v: unknown): boolean {
  return typeof v === 'string' && v.includes('{{');
}

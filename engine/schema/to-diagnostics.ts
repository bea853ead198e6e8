// ajv reports JSON Pointers; users need FILE:LINE:COL. Map each error to the YAML node it names.
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../errors/diagnostic.js';
import { closest } from '../errors/suggest.js';
import type { DataPath, YamlFile } from '../source/yaml-file.js';
import type { JsonSchema } from '../modules/types.js';

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** Converts ajv errors under `base` (the data path of the validated value inside the file). */
export function ajvToDiagnostics(
  errors: readonly ErrorObject[] | null | undefined,
  file: YamlFile,
  base: DataPath,
  what: string,
  schema: JsonSchema,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const path = [...base, ...pointerToPath(e.instancePath)];
    const d = toDiagnostic(e, file, path, e.instancePath === '' ? what : undefined, schema);
    const key = `${d.code}|${d.pos?.line}|${d.pos?.col}|${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

function toDiagnostic(e: ErrorObject, file: YamlFile, path: DataPath, what: string | undefined, schema: JsonSchema): Diagnostic {
  const name = describe(path, what);
  const params: Record<string, unknown> = e.params;
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(params['additionalProperty']);
      const allowed = allowedKeys(e, schema);
      const hint = closest(prop, allowed);
      return file.at(
        [...path, prop],
        'SCHEMA_UNKNOWN_KEY',
        `unknown key '${prop}' in ${name}`,
        hint ? `did you mean '${hint}'?` : undefined,
        true,
      );
    }
    case 'required':
      return file.at(path, 'SCHEMA_REQUIRED', `${name} is missing required key '${String(params['missingProperty'])}'`);
    case 'type':
      return file.at(path, 'SCHEMA_TYPE', `${name} must be ${String(params['type']).replace(',', ' or ')}`);
    case 'enum': {
      const values = Array.isArray(params['allowedValues']) ? params['allowedValues'].map(String) : [];
      return file.at(path, 'SCHEMA_ENUM', `${name} must be one of: ${values.join(', ')}`);
    }
    default:
      return file.at(path, 'SCHEMA_INVALID', `${name} ${e.message ?? 'is invalid'}`);
  }
}

/** The keys the failing object may have: its schema is found from the error's schemaPath. */
function allowedKeys(e: ErrorObject, root: JsonSchema): string[] {
  const segs = e.schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, -1);
  let node: unknown = root;
  for (const seg of segs) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (node && typeof node === 'object' && 'properties' in node) {
    const props: unknown = node.properties;
    if (props && typeof props === 'object') return Object.keys(props);
  }
  return [];
}

/** The validated object itself is named by `what` ("play", "debug arguments"); inner ones by key. */
function describe(path: DataPath, what: string | undefined): string {
  if (what !== undefined) return what;
  const last = path[path.length - 1];
  return typeof last === 'string' ? `'${last}'` : `item ${String(last)}`;
}

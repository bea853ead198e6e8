// JSON Schema fragments shared by module argument schemas (draft-07, ajv strict).
import type { JsonSchema } from '../types.js';

export const str: JsonSchema = { type: 'string' };
export const bool: JsonSchema = { type: 'boolean' };
export const int: JsonSchema = { type: 'integer' };
export const strList: JsonSchema = { type: 'array', items: { type: 'string' } };
/** A list, or one string (Ansible also splits `a,b` strings for list arguments). */
export const strOrList: JsonSchema = { anyOf: [{ type: 'string' }, strList] };
/** 0644 read by the YAML loader as 420, '0644', '644', or a chmod symbolic string. */
export const mode: JsonSchema = { anyOf: [{ type: 'integer', minimum: 0, maximum: 0o7777 }, { type: 'string', minLength: 1 }] };

export function enumOf(...values: readonly string[]): JsonSchema {
  return { type: 'string', enum: values };
}

/** Schema of an argument object: `props` maps names to schemas; aliases map alias → name. */
export function objectSchema(
  props: Readonly<Record<string, JsonSchema>>,
  extra: { required?: readonly string[]; aliases?: Readonly<Record<string, string>> } = {},
): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...props };
  for (const [alias, target] of Object.entries(extra.aliases ?? {})) {
    const schema = props[target];
    if (schema === undefined) throw new Error(`alias ${alias} names unknown argument ${target}`);
    const { default: _ignored, ...rest } = schema as Record<string, unknown>;
    properties[alias] = rest;
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(extra.required === undefined || extra.required.length === 0 ? {} : { required: extra.required }),
  };
}

/** File attribute arguments common to copy, template, file, lineinfile and friends. */
export const fileAttrs: Readonly<Record<string, JsonSchema>> = { mode, owner: str, group: str };

/** Turns `pkg` / `a,b` / ['a', 'b'] into a list. */
export function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return [...value];
}

/** Picks the first defined value among an argument and its aliases. */
export function pick<T>(...values: readonly (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

// A task's module arguments: a mapping, a k=v string, or a free-form command; merged with `args:`
// and validated against the module's schema.
import type { AnyModule } from '../modules/types.js';
import { asRecord, isRecord } from './keywords.js';
import { ansibleBoolean } from '../text/ansible-boolean.js';
import { CHECK_RAW_KEYS, parseFreeForm, parseKvArgs } from '../text/kv-args.js';
import type { LoadContext } from './load-context.js';
import { validateAt } from './validate-at.js';
import type { DataPath, YamlFile } from '../source/yaml-file.js';
import { diagnosticAt, type Diagnostic } from '../errors/diagnostic.js';

export function moduleArgs(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  value: unknown,
  extra: unknown,
  mod: AnyModule,
): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (typeof value === 'string') {
    const parsed = mod.freeForm
      ? parseFreeForm(value, mod.freeForm, CHECK_RAW_ACTIONS.has(mod.name) ? CHECK_RAW_KEYS : undefined)
      : parseKvArgs(value);
    if (!parsed.ok) {
      ctx.report(shorthandError(file, path, value, `${mod.name}: ${parsed.message}`, parsed.offset));
      return {};
    }
    args = coerceKv(parsed.args, mod);
  } else if (isRecord(value)) {
    args = { ...value };
  } else if (value !== null && value !== undefined) {
    ctx.report(file.at(path, 'SCHEMA_TYPE', `arguments of '${mod.name}' must be a mapping or a key=value string`));
    return {};
  }
  args = { ...asRecord(extra), ...args };
  validateAt(ctx, mod.schema, args, file, path, `${mod.name} arguments`);
  return args;
}

/**
 * Points at the offending character when the string is written as-is in the file (a plain
 * one-line scalar); otherwise at the value, with the character named in the message.
 */
function shorthandError(file: YamlFile, path: DataPath, value: string, message: string, offset: number): Diagnostic {
  const start = file.offsetOf(path);
  if (file.source.text.startsWith(value, start)) return diagnosticAt(file.source, start + offset, 'ARGS_SHORTHAND', message);
  const excerpt = value.slice(offset, offset + 30).split('\n')[0] ?? '';
  return file.at(path, 'ARGS_SHORTHAND', `${message} (character ${offset + 1} of the arguments: '${excerpt}')`);
}

/** Ansible's FREEFORM_ACTIONS: only CHECK_RAW_KEYS are options, every other word is the command. */
const CHECK_RAW_ACTIONS: ReadonlySet<string> = new Set(['command', 'shell', 'script', 'raw']);


/** k=v values are text; give them the type the schema expects, as Ansible's argument spec does. */
function coerceKv(args: Record<string, unknown>, mod: AnyModule): Record<string, unknown> {
  const props = asRecord(mod.schema['properties']);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    const type = asRecord(props[k])['type'];
    const types = Array.isArray(type) ? type : [type];
    let value: unknown = v;
    if (typeof v === 'string' && !types.includes('string')) {
      const asBoolean = ansibleBoolean(v);
      if (types.includes('boolean') && asBoolean !== undefined) value = asBoolean;
      else if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(v)) value = Number(v);
    }
    out[k] = value;
  }
  return out;
}

// Turns a YAML list of tasks into TaskNodes: finds each task's module, validates keywords and
// module arguments, expands blocks and static imports. Every problem is reported, none thrown.
import { dirname, isAbsolute, resolve } from 'node:path';
import { closest } from '../errors/suggest.js';
import type { BlockDef, RoleScope, TaskDef, TaskNode } from '../model/types.js';
import { BLOCK_SCHEMA, TASK_KEYWORDS, TASK_SCHEMA } from '../schema/keyword-schemas.js';
import { validateAt } from './validate-at.js';
import { asRecord, commonKeywords, conditionList, isRecord, stringList, tagList, unionTags } from './keywords.js';
import { parseKvArgs } from '../text/kv-args.js';
import { moduleArgs } from './module-args.js';
import type { LoadContext } from './load-context.js';
import { originOf } from '../source/origin.js';
import type { DataPath, YamlFile } from '../source/yaml-file.js';

export interface Inherit {
  readonly tags: readonly string[];
  readonly role?: RoleScope;
  /** Folder that relative import_tasks paths resolve against. */
  readonly baseDir: string;
  readonly depth: number;
}

/** Expands roles for import_role/include_role; provided by the role loader to avoid a cycle. */
export type RoleTasksLoader = (
  name: string,
  opts: { tasksFrom?: string; params: Record<string, unknown>; tags: readonly string[] },
  file: YamlFile,
  path: DataPath,
) => TaskNode[];

const KEYWORDS = new Set(Object.keys(TASK_KEYWORDS));
const IMPORTS = new Set(['import_tasks', 'include_tasks', 'import_role', 'include_role']);
const MAX_DEPTH = 30;

export function loadTaskList(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  raw: unknown,
  inh: Inherit,
  roles: RoleTasksLoader,
): TaskNode[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    ctx.report(file.at(path, 'SCHEMA_TYPE', 'a task list must be a YAML list'));
    return [];
  }
  if (inh.depth > MAX_DEPTH) {
    ctx.report(file.at(path, 'IMPORT_DEPTH', `imports nested deeper than ${MAX_DEPTH} levels (a cycle?)`));
    return [];
  }
  return raw.flatMap((item, i) => loadTask(ctx, file, [...path, i], item, inh, roles));
}

function loadTask(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  raw: unknown,
  inh: Inherit,
  roles: RoleTasksLoader,
): TaskNode[] {
  if (!isRecord(raw)) {
    ctx.report(file.at(path, 'TASK_NOT_MAPPING', 'a task must be a mapping of keywords and one module'));
    return [];
  }
  if ('block' in raw) return [loadBlock(ctx, file, path, raw, inh, roles)];
  const moduleKey = findModuleKey(ctx, file, path, raw);
  if (moduleKey === undefined) return [];
  const keywords = { ...raw };
  delete keywords[moduleKey];
  validateAt(ctx, TASK_SCHEMA, keywords, file, path, 'task');
  const tags = unionTags(inh.tags, tagList(raw['tags']));
  const name = moduleKey.replace(/^ansible\.(builtin|legacy)\./, '');
  if (IMPORTS.has(name)) return expandImport(ctx, file, path, raw, moduleKey, name, { ...inh, tags }, roles);
  const mod = ctx.modules.get(moduleKey);
  if (!mod) return [];
  const args = moduleArgs(ctx, file, [...path, moduleKey], raw[moduleKey], raw['args'], mod);
  const task: TaskDef = {
    kind: 'task',
    ...commonKeywords(raw),
    ...optional(raw, ['name', 'register', 'loop', 'loop_control', 'retries', 'delay']),
    ...(raw['with_items'] !== undefined && raw['loop'] === undefined ? { loop: raw['with_items'] } : {}),
    ...(raw['with_list'] !== undefined && raw['loop'] === undefined ? { loop: raw['with_list'] } : {}),
    ...conditions(raw, ['changed_when', 'failed_when', 'until']),
    module: mod.name,
    moduleAs: moduleKey,
    args,
    tags,
    notify: stringList(raw['notify']),
    listen: stringList(raw['listen']),
    ...(inh.role ? { role: inh.role } : {}),
    origin: originOf(file, path),
  };
  return [task];
}

function loadBlock(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  raw: Record<string, unknown>,
  inh: Inherit,
  roles: RoleTasksLoader,
): BlockDef {
  validateAt(ctx, BLOCK_SCHEMA, raw, file, path, 'block');
  const tags = unionTags(inh.tags, tagList(raw['tags']));
  const sub = { ...inh, tags };
  return {
    kind: 'block',
    ...commonKeywords(raw),
    ...optional(raw, ['name']),
    tags,
    block: loadTaskList(ctx, file, [...path, 'block'], raw['block'], sub, roles),
    rescue: loadTaskList(ctx, file, [...path, 'rescue'], raw['rescue'], sub, roles),
    always: loadTaskList(ctx, file, [...path, 'always'], raw['always'], sub, roles),
    ...(inh.role ? { role: inh.role } : {}),
    origin: originOf(file, path),
  };
}

/** The one key that is not a keyword; reports unknown modules and keywords with suggestions. */
function findModuleKey(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  raw: Record<string, unknown>,
): string | undefined {
  const others = Object.keys(raw).filter((k) => !KEYWORDS.has(k));
  const isModule = (k: string): boolean => IMPORTS.has(k.replace(/^ansible\.(builtin|legacy)\./, '')) || !!ctx.modules.get(k);
  const modules = others.filter(isModule);
  const unknown = others.filter((k) => !isModule(k));
  if (modules.length > 1) {
    ctx.report(file.at([...path, modules[1] ?? ''], 'TASK_MULTIPLE_MODULES', `a task runs one module, found: ${modules.join(', ')}`, undefined, true));
    return undefined;
  }
  for (const k of unknown) {
    if (modules.length === 1) {
      const hint = closest(k, KEYWORDS);
      ctx.report(file.at([...path, k], 'UNKNOWN_KEYWORD', `unknown task keyword '${k}'`, hint ? `did you mean '${hint}'?` : undefined, true));
    } else {
      const hint = closest(k.replace(/^.*\./, ''), [...ctx.modules.names(), ...IMPORTS]) ?? closest(k, KEYWORDS);
      ctx.report(file.at([...path, k], 'UNKNOWN_MODULE', `unknown module '${k}'`, hint ? `did you mean '${hint}'?` : undefined, true));
    }
  }
  if (modules.length === 0 && unknown.length === 0) {
    ctx.report(file.at(path, 'TASK_NO_MODULE', 'this task names no module'));
  }
  return unknown.length === 0 ? modules[0] : undefined;
}

function expandImport(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  raw: Record<string, unknown>,
  key: string,
  kind: string,
  inh: Inherit,
  roles: RoleTasksLoader,
): TaskNode[] {
  const value = raw[key];
  const at: DataPath = [...path, key];
  const when = conditionList(raw['when']);
  const wrap = (tasks: TaskNode[]): TaskNode[] =>
    // Conditions and vars on an import apply to every imported task: model it as a block.
    when.length === 0 && raw['vars'] === undefined
      ? tasks
      : [{ kind: 'block', ...commonKeywords(raw), tags: inh.tags, block: tasks, rescue: [], always: [], origin: originOf(file, path) }];
  if (kind === 'import_tasks' || kind === 'include_tasks') {
    const rel = typeof value === 'string' ? value : asRecord(value)['file'];
    if (typeof rel !== 'string' || rel.includes('{{')) {
      ctx.report(file.at(at, 'IMPORT_PATH', `${kind} needs a file path without templates`));
      return [];
    }
    const target = isAbsolute(rel) ? rel : resolve(inh.baseDir, rel);
    const sub = ctx.readYaml(target, () => file.at(at, 'FILE_NOT_FOUND', `${kind}: no such file: ${target}`));
    if (!sub) return [];
    return wrap(loadTaskList(ctx, sub, [], sub.value, { ...inh, baseDir: dirname(target), depth: inh.depth + 1 }, roles));
  }
  // `import_role: name=r tasks_from=x` is the k=v shorthand; a bare string is the role's name.
  const kv = typeof value === 'string' && value.includes('=') ? parseKvArgs(value) : undefined;
  const spec = kv?.ok ? kv.args : typeof value === 'string' ? { name: value } : asRecord(value);
  const name = spec['name'];
  if (typeof name !== 'string') {
    ctx.report(file.at(at, 'SCHEMA_REQUIRED', `${kind} needs 'name'`));
    return [];
  }
  const tasksFrom = typeof spec['tasks_from'] === 'string' ? spec['tasks_from'] : undefined;
  const params = asRecord(raw['vars']);
  return wrap(roles(name, { ...(tasksFrom ? { tasksFrom } : {}), params, tags: inh.tags }, file, at));
}

function optional(raw: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (raw[k] !== undefined) out[k] = raw[k];
  return out;
}

function conditions(raw: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (raw[k] !== undefined) out[k] = conditionList(raw[k]);
  return out;
}

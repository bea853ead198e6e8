// Loads a playbook file into Playbook data: plays, import_playbook, roles, vars_files.
// Returns every problem found, each located, instead of stopping at the first.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { VaultPassword } from '../vault/index.js';
import type { PlayDef, Playbook, TaskDef, Vars } from '../model/types.js';
import type { ModuleLookup } from '../modules/types.js';
import { IMPORT_PLAYBOOK_SCHEMA, PLAY_SCHEMA } from '../schema/keyword-schemas.js';
import { asRecord, commonKeywords, isRecord, stringList, tagList } from './keywords.js';
import { LoadContext } from './load-context.js';
import { originOf } from '../source/origin.js';
import { RoleExpander } from './role-loader.js';
import { checkPlay } from './static-checks.js';
import { loadTaskList } from './task-loader.js';
import { validateAt } from './validate-at.js';
import type { DataPath, YamlFile } from '../source/yaml-file.js';

export interface LoadOptions {
  readonly modules: ModuleLookup;
  /** Extra role folders (DECKHAND_ROLES_PATH); the playbook's roles/ and ../roles come first. */
  readonly rolesPath?: readonly string[];
  readonly vaultPasswords?: readonly VaultPassword[];
}

export type PlaybookLoad = { ok: true; playbook: Playbook; secrets: readonly string[] } | { ok: false; diagnostics: Diagnostic[] };

export function loadPlaybook(path: string, opts: LoadOptions): PlaybookLoad {
  const abs = resolve(path);
  const dir = dirname(abs);
  const rolesPath = [resolve(dir, 'roles'), resolve(dir, '..', 'roles'), ...(opts.rolesPath ?? [])];
  const ctx = new LoadContext(opts.modules, rolesPath, opts.vaultPasswords);
  const plays: PlayDef[] = [];
  loadPlays(ctx, abs, plays, 0);
  for (const p of plays) ctx.report(...checkPlay(p));
  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: ctx.diagnostics };
  return { ok: true, playbook: { path: abs, dir, plays }, secrets: [...ctx.secrets] };
}

function loadPlays(ctx: LoadContext, path: string, out: PlayDef[], depth: number): void {
  const file = ctx.readYaml(path);
  if (!file) return;
  if (!Array.isArray(file.value)) {
    ctx.report(file.at([], 'PLAYBOOK_NOT_LIST', 'a playbook must be a YAML list of plays'));
    return;
  }
  file.value.forEach((raw, i) => {
    if (isRecord(raw) && 'import_playbook' in raw) {
      if (!validateAt(ctx, IMPORT_PLAYBOOK_SCHEMA, raw, file, [i], 'import_playbook')) return;
      const rel = String(raw['import_playbook']);
      const target = isAbsolute(rel) ? rel : resolve(dirname(path), rel);
      if (depth > 20) ctx.report(file.at([i], 'IMPORT_DEPTH', 'import_playbook nested too deep (a cycle?)'));
      else if (ctx.readYaml(target, () => file.at([i, 'import_playbook'], 'FILE_NOT_FOUND', `no such playbook: ${target}`)))
        loadPlays(ctx, target, out, depth + 1);
      return;
    }
    const play = loadPlay(ctx, file, [i], raw, out.length + 1);
    if (play) out.push(play);
  });
}

function loadPlay(ctx: LoadContext, file: YamlFile, path: DataPath, raw: unknown, index: number): PlayDef | undefined {
  if (!isRecord(raw)) {
    ctx.report(file.at(path, 'PLAY_NOT_MAPPING', 'a play must be a mapping (hosts, tasks, …)'));
    return undefined;
  }
  validateAt(ctx, PLAY_SCHEMA, raw, file, path, 'play');
  const dir = dirname(file.source.file);
  const tags = tagList(raw['tags']);
  const roles = new RoleExpander(ctx, ctx.rolesPath);
  const inherit = { tags, baseDir: dir, depth: 0 };
  const list = (key: string) => loadTaskList(ctx, file, [...path, key], raw[key], inherit, roles.load);
  const pre = list('pre_tasks');
  const roleEntries = Array.isArray(raw['roles']) ? raw['roles'] : [];
  const roleTasks = roleEntries.flatMap((e, i) => roles.expandEntry(e, file, [...path, 'roles', i], tags));
  const tasks = list('tasks');
  const post = list('post_tasks');
  const ownHandlers = loadTaskList(ctx, file, [...path, 'handlers'], raw['handlers'], { ...inherit, tags: [] }, roles.load);
  const hosts = hostsText(raw['hosts']);
  const serial = raw['serial'] === undefined ? undefined : Array.isArray(raw['serial']) ? raw['serial'] : [raw['serial']];
  const mfp = raw['max_fail_percentage'];
  return {
    ...commonKeywords(raw),
    name: typeof raw['name'] === 'string' ? raw['name'] : hosts,
    hosts,
    tags,
    vars_files: loadVarsFiles(ctx, file, path, dir, raw['vars_files']),
    gather_facts: raw['gather_facts'] !== false,
    ...(serial ? { serial: serial as (number | string)[] } : {}),
    ...(mfp !== undefined ? { max_fail_percentage: Number(mfp) } : {}),
    force_handlers: raw['force_handlers'] === true,
    ...(typeof raw['remote_user'] === 'string' ? { remote_user: raw['remote_user'] } : {}),
    pre_tasks: pre,
    roles: roleTasks,
    tasks,
    post_tasks: post,
    // Role handlers first (roles load before the play's own tasks), then the play's handlers.
    role_defaults: roles.defaults,
    handlers: [...roles.handlers, ...ownHandlers.filter((h): h is TaskDef => h.kind === 'task')],
    origin: originOf(file, path),
    index,
  };
}

function loadVarsFiles(
  ctx: LoadContext,
  file: YamlFile,
  path: DataPath,
  dir: string,
  raw: unknown,
): { path: string; vars: Vars }[] {
  return stringList(raw).flatMap((rel, i) => {
    if (rel.includes('{{')) {
      ctx.report(file.at([...path, 'vars_files', i], 'VARS_FILE_TEMPLATE', 'vars_files paths with templates are not supported'));
      return [];
    }
    const p = isAbsolute(rel) ? rel : resolve(dir, rel);
    const f = ctx.readYaml(p, () => file.at([...path, 'vars_files', i], 'FILE_NOT_FOUND', `no such vars file: ${p}`));
    if (!f) return [];
    if (f.value !== null && !isRecord(f.value)) {
      ctx.report(f.at([], 'SCHEMA_TYPE', 'a vars file must be a mapping of variables'));
      return [];
    }
    return [{ path: p, vars: asRecord(f.value) }];
  });
}

/** `hosts:` as one pattern; a list joins with ':'. Other shapes are the schema's to report. */
function hostsText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(':');
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

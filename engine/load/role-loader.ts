// Finds roles on the roles path and expands them: meta dependencies first, then the role's tasks,
// with its defaults, vars and handlers. A role listed twice with the same parameters runs once.
import { join } from 'node:path';
import type { RoleScope, TaskDef, TaskNode } from '../model/types.js';
import { ROLE_META_SCHEMA } from '../schema/keyword-schemas.js';
import { asRecord, isRecord, tagList, unionTags } from './keywords.js';
import { findYaml, isDir, type LoadContext } from './load-context.js';
import { loadTaskList, type RoleTasksLoader } from './task-loader.js';
import { validateAt } from './validate-at.js';
import type { DataPath, YamlFile } from '../source/yaml-file.js';

const ROLE_ENTRY_KEYS = new Set(['role', 'name', 'tags', 'vars', 'when', 'become', 'become_user']);

export class RoleExpander {
  /** Handlers of every role expanded in this play, in the order roles were loaded. */
  readonly handlers: TaskDef[] = [];
  /** Defaults of every role of the play, merged in load order: visible play-wide, as in Ansible. */
  readonly defaults: Record<string, unknown> = {};
  private readonly seen = new Set<string>();

  constructor(
    private readonly ctx: LoadContext,
    private readonly searchDirs: readonly string[],
  ) {}

  /** Expands one `roles:` entry (a name or a mapping) into tasks. */
  expandEntry(entry: unknown, file: YamlFile, path: DataPath, inheritedTags: readonly string[]): TaskNode[] {
    const spec = typeof entry === 'string' ? { role: entry } : asRecord(entry);
    const name = spec['role'] ?? spec['name'];
    if (typeof name !== 'string') {
      this.ctx.report(file.at(path, 'SCHEMA_REQUIRED', "a role entry needs 'role' (or 'name')"));
      return [];
    }
    const params: Record<string, unknown> = { ...asRecord(spec['vars']) };
    for (const [k, v] of Object.entries(spec)) if (!ROLE_ENTRY_KEYS.has(k)) params[k] = v;
    const tags = unionTags(inheritedTags, tagList(spec['tags']));
    const tasks = this.load(name, { params, tags }, file, path);
    const when = spec['when'];
    if (when === undefined && spec['become'] === undefined) return tasks;
    // `when`/`become` on a role entry apply to all its tasks: model as a block around them.
    return [
      {
        kind: 'block',
        when: Array.isArray(when) ? when : when === undefined ? [] : [when],
        vars: {},
        ...(typeof spec['become'] === 'boolean' ? { become: spec['become'] } : {}),
        ...(typeof spec['become_user'] === 'string' ? { become_user: spec['become_user'] } : {}),
        tags,
        block: tasks,
        rescue: [],
        always: [],
        origin: { file: file.source.file, pos: file.posOf(path), at: (p, c, m, h) => file.at([...path, ...p], c, m, h) },
      },
    ];
  }

  readonly load: RoleTasksLoader = (name, opts, file, path) => {
    const dir = this.find(name);
    if (!dir) {
      this.ctx.report(file.at(path, 'ROLE_NOT_FOUND', `role '${name}' not found in: ${this.searchDirs.join(', ')}`));
      return [];
    }
    const key = `${dir}|${opts.tasksFrom ?? 'main'}|${JSON.stringify(opts.params)}`;
    if (this.seen.has(key)) return [];
    this.seen.add(key);
    const defaults = this.vars(dir, 'defaults');
    Object.assign(this.defaults, defaults);
    const scope: RoleScope = {
      name,
      path: dir,
      defaults,
      vars: this.vars(dir, 'vars'),
      params: opts.params,
    };
    const deps = this.dependencies(dir, opts.tags);
    const tasksFile = findYaml(join(dir, 'tasks'), opts.tasksFrom ?? 'main');
    if (opts.tasksFrom && !tasksFile) {
      this.ctx.report(file.at(path, 'FILE_NOT_FOUND', `role '${name}' has no tasks/${opts.tasksFrom}.yml`));
    }
    const inherit = { tags: opts.tags, role: scope, baseDir: join(dir, 'tasks'), depth: 1 };
    const taskYaml = tasksFile ? this.ctx.readYaml(tasksFile) : undefined;
    const tasks = taskYaml ? loadTaskList(this.ctx, taskYaml, [], taskYaml.value, inherit, this.load) : [];
    const handlersFile = findYaml(join(dir, 'handlers'), 'main');
    const handlerYaml = handlersFile ? this.ctx.readYaml(handlersFile) : undefined;
    if (handlerYaml) {
      const hs = loadTaskList(this.ctx, handlerYaml, [], handlerYaml.value, { ...inherit, tags: [] }, this.load);
      this.handlers.push(...hs.filter((h): h is TaskDef => h.kind === 'task'));
    }
    return [...deps, ...tasks];
  };

  private find(name: string): string | undefined {
    if (name.includes('/') && isDir(name)) return name;
    for (const d of this.searchDirs) {
      const p = join(d, name);
      if (isDir(p)) return p;
    }
    return undefined;
  }

  private vars(dir: string, sub: 'defaults' | 'vars'): Record<string, unknown> {
    const p = findYaml(join(dir, sub), 'main');
    const f = p ? this.ctx.readYaml(p) : undefined;
    if (!f) return {};
    if (f.value !== null && !isRecord(f.value)) {
      this.ctx.report(f.at([], 'SCHEMA_TYPE', `${sub}/main.yml must be a mapping of variables`));
      return {};
    }
    return asRecord(f.value);
  }

  private dependencies(dir: string, tags: readonly string[]): TaskNode[] {
    const p = findYaml(join(dir, 'meta'), 'main');
    const f = p ? this.ctx.readYaml(p) : undefined;
    if (!f || !validateAt(this.ctx, ROLE_META_SCHEMA, f.value, f, [], 'role meta')) return [];
    const deps = asRecord(f.value)['dependencies'];
    if (!Array.isArray(deps)) return [];
    return deps.flatMap((d, i) => this.expandEntry(d, f, ['dependencies', i], tags));
  }
}

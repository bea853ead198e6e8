// State shared while loading one playbook: the diagnostics sink, a parse cache per file, and the
// module registry. Loading never stops at the first problem; everything is collected here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { AnyModule } from '../modules/types.js';
import { parseYaml, type YamlFile } from './yaml-file.js';

export interface ModuleLookup {
  get(name: string): AnyModule | undefined;
  names(): readonly string[];
}

export class LoadContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly files = new Map<string, YamlFile | undefined>();

  constructor(
    readonly modules: ModuleLookup,
    readonly rolesPath: readonly string[],
  ) {}

  report(...ds: Diagnostic[]): void {
    this.diagnostics.push(...ds);
  }

  /** Parses a YAML file once; a missing or broken file reports and returns undefined. */
  readYaml(path: string, missing?: () => Diagnostic): YamlFile | undefined {
    if (this.files.has(path)) return this.files.get(path);
    let file: YamlFile | undefined;
    if (!isFile(path)) {
      this.report(missing ? missing() : diagnostic('FILE_NOT_FOUND', `no such file: ${path}`));
    } else {
      const loaded = parseYaml(path, readFileSync(path, 'utf8'));
      if (loaded.ok) file = loaded.file;
      else this.report(...loaded.diagnostics);
    }
    this.files.set(path, file);
    return file;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** `main.yml`, `main.yaml` or `main` inside a role sub-folder. */
export function findYaml(dir: string, base: string): string | undefined {
  for (const ext of ['.yml', '.yaml', '']) {
    const p = `${dir}/${base}${ext}`;
    if (isFile(p)) return p;
  }
  return undefined;
}

// State shared while loading one playbook: the diagnostics sink, a parse cache per file, and the
// module registry. Loading never stops at the first problem; everything is collected here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { ModuleLookup } from '../modules/types.js';
import { parseVaultedYaml, type VaultPassword } from '../vault/index.js';
import type { YamlFile } from '../source/yaml-file.js';

export class LoadContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Plaintexts of every vaulted value and file read: the run redacts them from all output. */
  readonly secrets = new Set<string>();
  private readonly files = new Map<string, YamlFile | undefined>();

  constructor(
    readonly modules: ModuleLookup,
    readonly rolesPath: readonly string[],
    private readonly vaultPasswords: readonly VaultPassword[] = [],
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
      // Whole-file vaults and inline `!vault` values are decrypted as the file is read.
      const loaded = parseVaultedYaml(path, readFileSync(path, 'utf8'), this.vaultPasswords);
      if (loaded.ok) {
        file = loaded.file;
        for (const s of loaded.secrets) this.secrets.add(s);
      } else this.report(...loaded.diagnostics);
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

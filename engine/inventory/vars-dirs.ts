// group_vars/ and host_vars/ directories, as Ansible's host_group_vars plugin reads them: for an
// entity NAME the first of NAME, NAME.yml, NAME.yaml, NAME.json that exists is used; a directory
// contributes all its files (recursively, sorted, skipping hidden files and backups) in order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { closest } from '../errors/suggest.js';
import { parseVaultedYaml, type VaultPassword } from '../vault/index.js';
import { LOCALHOST_NAMES, type VarLayer } from './model.js';
import { displayPath } from './sources.js';

const VAR_EXTS = ['', '.yml', '.yaml', '.json'];
/** Extensions that mark notes and backups: never vars files, never warned about. */
const QUIET_EXTS = ['.bak', '.orig', '.swp', '.md', '.txt', '.rst', '.retry', '.pyc', '.cfg'];

export interface VarsDirResult {
  /** Per entity name, one layer per file, in load order. */
  readonly layers: Map<string, VarLayer[]>;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

/**
 * Reads `<base>/group_vars` or `<base>/host_vars` for the known names. Files for unknown names
 * are reported as warnings, not loaded — except host_vars for localhost, which the implicit
 * localhost uses.
 */
export async function loadVarsDir(
  base: string,
  kind: 'group' | 'host',
  known: readonly string[],
  cwd: string,
  passwords: readonly VaultPassword[] = [],
): Promise<VarsDirResult> {
  const out: VarsDirResult = { layers: new Map(), errors: [], warnings: [] };
  const dir = join(base, `${kind}_vars`);
  const info = await stat(dir).catch(() => undefined);
  if (!info) return out;
  const shown = displayPath(cwd, dir);
  if (!info.isDirectory()) {
    out.warnings.push(diagnostic('INVENTORY_VARS_DIR', `'${shown}' is not a directory; skipped`));
    return out;
  }
  const entries = (await readdir(dir).catch(() => [] as string[])).sort();
  const claimed = new Set<string>();
  const wanted = kind === 'host' ? [...known, ...LOCALHOST_NAMES.filter((n) => !known.includes(n))] : known;
  for (const name of wanted) {
    const candidates = VAR_EXTS.map((e) => name + e).filter((c) => entries.includes(c));
    const [first, ...shadowed] = candidates;
    if (first === undefined) continue;
    candidates.forEach((c) => claimed.add(c));
    for (const s of shadowed) {
      out.warnings.push(diagnostic('INVENTORY_VARS_SHADOWED', `'${displayPath(cwd, join(dir, s))}' is ignored: '${first}' is read for ${kind} '${name}' instead`, 'keep one file or directory per name'));
    }
    const files = await varFiles(join(dir, first));
    for (const f of files) {
      const layer = await readVarsFile(f, cwd, out.errors, passwords);
      if (layer) out.layers.set(name, [...(out.layers.get(name) ?? []), layer]);
    }
  }
  for (const e of entries) {
    if (claimed.has(e) || e.startsWith('.') || e.endsWith('~') || QUIET_EXTS.includes(extname(e))) continue;
    const name = VAR_EXTS.slice(1).reduce((n, x) => (n.endsWith(x) ? n.slice(0, -x.length) : n), e);
    const guess = closest(name, known);
    out.warnings.push(
      diagnostic(
        kind === 'group' ? 'INVENTORY_UNKNOWN_GROUP' : 'INVENTORY_UNKNOWN_HOST',
        `'${displayPath(cwd, join(dir, e))}' is not used: the inventory has no ${kind} named '${name}'`,
        guess ? `did you mean '${guess}'?` : undefined,
      ),
    );
  }
  return out;
}

/** A file, or every vars file under a directory (sorted per level, as Ansible does). */
async function varFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const e of (await readdir(path).catch(() => [] as string[])).sort()) {
    if (e.startsWith('.') || e.endsWith('~')) continue;
    const full = join(path, e);
    const ext = extname(e);
    const sub = await stat(full).catch(() => undefined);
    if (sub?.isDirectory()) {
      if (ext === '') out.push(...(await varFiles(full)));
    } else if (sub && VAR_EXTS.includes(ext)) {
      out.push(full);
    }
  }
  return out;
}

async function readVarsFile(path: string, cwd: string, errors: Diagnostic[], passwords: readonly VaultPassword[]): Promise<VarLayer | undefined> {
  const shown = displayPath(cwd, path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    errors.push(diagnostic('INVENTORY_READ', `cannot read '${shown}': ${e instanceof Error ? e.message : String(e)}`));
    return undefined;
  }
  // A vaulted vars file (whole or inline `!vault`) is decrypted here.
  const parsed = parseVaultedYaml(shown, text, passwords);
  if (!parsed.ok) {
    errors.push(...parsed.diagnostics);
    return undefined;
  }
  const value = parsed.file.value;
  if (value === null || value === undefined) return undefined; // an empty file sets nothing
  if (!isMapping(value)) {
    errors.push(parsed.file.at([], 'INVENTORY_VARS_NOT_MAP', `'${shown}' must hold a mapping of variable names to values`));
    return undefined;
  }
  return { source: shown, vars: value, ...(parsed.secrets.length ? { secrets: parsed.secrets } : {}) };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Turns -i values into parsed inventory: a file (YAML or INI), a directory of such files, or a
// comma-separated host list. Reads files and picks the format; parsing is done by the format modules.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { SourceText } from '../errors/source-text.js';
import { closest } from '../errors/suggest.js';
import { parseYaml } from '../source/yaml-file.js';
import type { InventoryBuilder } from './builder.js';
import { parseHostPattern } from './host-range.js';
import { parseIniInventory } from './ini-inventory.js';
import { looksLikeYamlInventory, parseYamlInventory } from './yaml-inventory.js';

export interface SourceContext {
  readonly cwd: string;
  readonly builder: InventoryBuilder;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
  /** Directories whose group_vars/ and host_vars/ belong to the inventory, in source order. */
  readonly varDirs: string[];
  readonly sources: string[];
}

const YAML_EXTS = ['.yml', '.yaml', '.json'];
/** Skipped inside inventory directories (Ansible's defaults since ansible-core 2.19). */
const IGNORED_EXTS = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.orig', '.cfg', '.retry'];
const IGNORED_NAMES = ['group_vars', 'host_vars', 'vars_plugins'];

/** A path shown to users: relative to cwd when inside it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
}

export async function addSource(spec: string, ctx: SourceContext): Promise<void> {
  if (spec.trim() === '') return;
  const path = resolve(ctx.cwd, spec);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    ctx.sources.push(path);
    ctx.varDirs.push(path);
    await addDirectory(path, ctx);
  } else if (info) {
    ctx.sources.push(path);
    ctx.varDirs.push(dirname(path));
    await addFile(path, ctx, false);
  } else if (spec.includes(',')) {
    ctx.sources.push(spec);
    addHostList(spec, ctx);
  } else {
    ctx.errors.push(diagnostic('INVENTORY_NOT_FOUND', `inventory source '${spec}' does not exist`, await notFoundHint(spec, path)));
  }
}

async function notFoundHint(spec: string, path: string): Promise<string> {
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const guess = closest(basename(path), names);
  if (guess) return `did you mean '${join(dirname(spec), guess)}'?`;
  return `for a single host, add a trailing comma: -i '${spec},'`;
}

/** `web1,web2` or `localhost,`: each name joins 'ungrouped'. Ranges are expanded. */
function addHostList(spec: string, ctx: SourceContext): void {
  for (const part of spec.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    const parsed = parseHostPattern(text);
    if (!parsed.ok) {
      ctx.errors.push(diagnostic('INVENTORY_HOST_PATTERN', `in host list '${spec}': ${parsed.message}`));
      continue;
    }
    for (const name of parsed.names) {
      ctx.builder.addHost(name, 'ungrouped', undefined);
      if (parsed.port !== undefined) ctx.builder.setHostVar(name, 'ansible_port', parsed.port, `host list '${spec}'`);
    }
  }
}

async function addDirectory(dir: string, ctx: SourceContext): Promise<void> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  for (const name of names) {
    if (name.startsWith('.') || IGNORED_NAMES.includes(name) || IGNORED_EXTS.some((e) => name.endsWith(e))) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) await addDirectory(path, ctx);
    else if (info) await addFile(path, ctx, true);
  }
}

/**
 * Picks the format from the extension: .yml/.yaml/.json are YAML, .ini is INI, and a file without
 * extension is YAML when it reads as a mapping, INI otherwise. Inside a directory, other
 * extensions are skipped (with a warning); named directly with -i, they are detected like
 * extensionless files.
 */
async function addFile(path: string, ctx: SourceContext, inDirectory: boolean): Promise<void> {
  const file = displayPath(ctx.cwd, path);
  const ext = extname(path).toLowerCase();
  const known = ext === '' || ext === '.ini' || YAML_EXTS.includes(ext);
  if (inDirectory && !known) {
    ctx.warnings.push(diagnostic('INVENTORY_SKIPPED_FILE', `skipped '${file}': only .yml, .yaml, .json, .ini and extensionless files are read as inventory`));
    return;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    ctx.errors.push(diagnostic('INVENTORY_READ', `cannot read '${file}': ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const source = new SourceText(file, text);
  if (ext === '.ini') {
    ctx.errors.push(...parseIniInventory(source, ctx.builder, path));
    return;
  }
  const yaml = parseYaml(file, text);
  if (YAML_EXTS.includes(ext)) {
    ctx.errors.push(...(yaml.ok ? parseYamlInventory(source, ctx.builder, path) : yaml.diagnostics));
    return;
  }
  if (yaml.ok && (yaml.file.value === null || looksLikeYamlInventory(yaml.file.value))) {
    ctx.errors.push(...parseYamlInventory(source, ctx.builder, path));
    return;
  }
  // Not YAML-shaped: INI. If it is not valid INI either but looks like YAML, the YAML errors
  // are the useful ones.
  if (!yaml.ok && looksLikeYamlText(text)) {
    ctx.errors.push(...yaml.diagnostics);
    return;
  }
  ctx.errors.push(...parseIniInventory(source, ctx.builder, path));
}

/** First meaningful line is `---` or `name:` — INI never looks like that. */
function looksLikeYamlText(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    return line === '---' || /^[^\s[=#]+:(?:\s|$)/.test(line);
  }
  return false;
}

// Unit files as systemd finds and reads them: the search path, drop-in
// directories, line continuations, and the directives a service uses.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { hostPath } from './lab-env.js';

/** Highest precedence first, as systemd searches them. */
export const UNIT_DIRS = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/local/lib/systemd/system',
  '/lib/systemd/system',
  '/usr/lib/systemd/system',
];

export interface ServiceDef {
  readonly name: string;
  readonly fragmentPath: string;
  readonly dropIns: readonly string[];
  readonly description: string;
  readonly documentation: string;
  readonly type: string;
  readonly execStart: readonly string[];
  readonly execStartPre: readonly string[];
  readonly execReload: readonly string[];
  readonly environment: ReadonlyArray<readonly [string, string]>;
  readonly environmentFiles: readonly string[];
  readonly restart: string;
  readonly restartSec: number;
  readonly wantedBy: readonly string[];
  /** Hash of every file read: a change on disk means a daemon-reload is due. */
  readonly digest: string;
}

export type UnitLookup =
  | { readonly state: 'loaded'; readonly def: ServiceDef }
  | { readonly state: 'masked'; readonly path: string }
  | { readonly state: 'not-found' };

export function unitName(arg: string): string {
  return /\.(service|socket|target|timer|mount|swap)$/.test(arg) ? arg : `${arg}.service`;
}

export function findUnit(name: string): UnitLookup {
  for (const dir of UNIT_DIRS) {
    const path = hostPath(join(dir, name));
    let isLink = false;
    try {
      isLink = lstatSync(path).isSymbolicLink();
    } catch {
      continue;
    }
    if (isLink && readlinkSync(path) === '/dev/null') return { state: 'masked', path: join(dir, name) };
    return { state: 'loaded', def: parseService(name, join(dir, name)) };
  }
  return { state: 'not-found' };
}

function dropInFiles(name: string): string[] {
  const chosen = new Map<string, string>();
  for (const dir of UNIT_DIRS) {
    const dropDir = join(dir, `${name}.d`);
    let entries: string[] = [];
    try {
      entries = readdirSync(hostPath(dropDir));
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.endsWith('.conf') && !chosen.has(entry)) chosen.set(entry, join(dropDir, entry));
    }
  }
  return [...chosen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, path]) => path);
}

function parseService(name: string, fragmentPath: string): ServiceDef {
  const dropIns = dropInFiles(name);
  const hash = createHash('sha256');
  const directives: Array<[string, string, string]> = [];
  for (const file of [fragmentPath, ...dropIns]) {
    const text = readFileSync(hostPath(file), 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    directives.push(...parseIni(text));
  }
  const lists = new Map<string, string[]>();
  const single = new Map<string, string>();
  for (const [section, key, value] of directives) {
    const id = `${section}.${key}`;
    single.set(id, value);
    // An empty assignment resets a list, which is how drop-ins replace ExecStart.
    lists.set(id, value === '' ? [] : [...(lists.get(id) ?? []), value]);
  }
  const list = (id: string): string[] => lists.get(id) ?? [];
  return {
    name,
    fragmentPath,
    dropIns,
    description: single.get('Unit.Description') ?? name,
    documentation: single.get('Unit.Documentation') ?? '',
    type: single.get('Service.Type') ?? 'simple',
    execStart: list('Service.ExecStart'),
    execStartPre: list('Service.ExecStartPre'),
    execReload: list('Service.ExecReload'),
    environment: list('Service.Environment').flatMap(parseAssignments),
    environmentFiles: list('Service.EnvironmentFile'),
    restart: single.get('Service.Restart') ?? 'no',
    restartSec: parseSeconds(single.get('Service.RestartSec') ?? '0.1'),
    wantedBy: list('Install.WantedBy').flatMap((v) => v.split(/\s+/)).filter(Boolean),
    digest: hash.digest('hex'),
  };
}

export function parseIni(text: string): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  let section = '';
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = pending + raw.trim();
    if (line.endsWith('\\')) {
      pending = `${line.slice(0, -1)} `;
      continue;
    }
    pending = '';
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out.push([section, line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return out;
}

/** Environment="A=1" "B=two words" C=3 */
export function parseAssignments(value: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const word of splitWords(value)) {
    const eq = word.indexOf('=');
    if (eq > 0) out.push([word.slice(0, eq), word.slice(eq + 1)]);
  }
  return out;
}

/** Splits on whitespace, honouring double and single quotes and backslash escapes. */
export function splitWords(value: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\' && i + 1 < value.length) {
      current += value[++i] ?? '';
      started = true;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

function parseSeconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min)?$/.exec(text.trim());
  if (!match) return 0.1;
  const value = Number(match[1]);
  return match[2] === 'ms' ? value / 1000 : match[2] === 'min' ? value * 60 : value;
}

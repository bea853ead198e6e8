// Ansible's INI inventory: `[group]` host lines, `[group:vars]` key=value lines,
// `[group:children]` group names; lines before any section are 'ungrouped' hosts.
// Values are read as Python literals (see python-literal.ts). Every bad line is reported.
import type { DiagnosticCode } from '../errors/codes.js';
import { diagnosticAt, type Diagnostic } from '../errors/diagnostic.js';
import type { SourceText } from '../errors/source-text.js';
import { closest } from '../errors/suggest.js';
import type { InventoryBuilder } from './builder.js';
import { parseHostPattern } from './host-range.js';
import { iniValue } from './python-literal.js';
import { shlexSplit } from '../text/shlex.js';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;
const BRACKETED_HOST = /^\[[0-9a-fA-F:.]+\](?::\d+)?(?:\s|$)/;
const SECTION_TYPES = ['hosts', 'children', 'vars'];

interface Pending {
  readonly kind: 'vars' | 'children';
  readonly offset: number;
  /** For children: the parent groups waiting for this group, with the line that named it. */
  readonly parents: { name: string; offset: number }[];
}

/** `path` is recorded as the hosts' inventory_file; messages use the source's own name. */
export function parseIniInventory(source: SourceText, b: InventoryBuilder, path: string): Diagnostic[] {
  const file = source.file;
  const errors: Diagnostic[] = [];
  const err = (offset: number, code: DiagnosticCode, message: string, hint?: string): void => {
    errors.push(diagnosticAt(source, offset, code, message, hint));
  };
  const pending = new Map<string, Pending>();
  let group = 'ungrouped';
  let state = 'hosts';
  let lineStart = 0;
  for (const raw of source.text.split('\n')) {
    const start = lineStart;
    lineStart += raw.length + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const at = start + raw.indexOf(line);

    const m = SECTION.exec(line);
    if (m) {
      group = m[1] ?? '';
      state = m[2] ?? 'hosts';
      if (!SECTION_TYPES.includes(state)) {
        const guess = SECTION_TYPES.find((t) => t.startsWith(state)) ?? closest(state, SECTION_TYPES);
        err(at + 1 + group.length + 1, 'INVENTORY_INI_SECTION_TYPE', `unknown section type '${state}' in [${group}:${state}]; expected hosts, children or vars`, guess ? `did you mean '[${group}:${guess}]'?` : undefined);
        state = 'ignore';
        continue;
      }
      if (!b.hasGroup(group)) {
        // [g:vars] alone does not define g; it must be defined somewhere in this file.
        if (state === 'vars' && !pending.has(group)) pending.set(group, { kind: 'vars', offset: at + 1, parents: [] });
        b.addGroup(group);
      }
      const waiting = pending.get(group);
      if (waiting && state !== 'vars') {
        pending.delete(group);
        for (const p of waiting.parents) {
          const cycle = b.addChild(p.name, group);
          if (cycle) err(p.offset, 'INVENTORY_GROUP_CYCLE', cycle);
        }
      }
      continue;
    }
    if (line.startsWith('[') && !BRACKETED_HOST.test(line)) {
      err(at, 'INVENTORY_INI_SECTION', `invalid section header '${line}'`, 'a section is [name], [name:vars] or [name:children], with no spaces inside the brackets');
      state = 'ignore';
      continue;
    }

    if (state === 'hosts') hostLine(line, at, group, b, { file, path }, err);
    else if (state === 'vars') varLine(line, at, group, b, file, err);
    else if (state === 'children') {
      const c = GROUP_NAME.exec(line);
      const child = c?.[1];
      if (child === undefined) {
        err(at, 'INVENTORY_INI_CHILD', `expected a group name in [${group}:children], got '${line}'`);
      } else if (b.hasGroup(child)) {
        const cycle = b.addChild(group, child);
        if (cycle) err(at, 'INVENTORY_GROUP_CYCLE', cycle);
      } else {
        const p = pending.get(child) ?? { kind: 'children' as const, offset: at, parents: [] };
        p.parents.push({ name: group, offset: at });
        pending.set(child, p);
      }
    }
  }
  for (const [name, p] of pending) {
    const guess = closest(name, b.groupNames().filter((g) => g !== name));
    const hint = guess ? `did you mean '${guess}'?` : `define it with a [${name}] section`;
    if (p.kind === 'vars') {
      err(p.offset, 'INVENTORY_UNDEFINED_GROUP', `[${name}:vars] is for group '${name}', which is not defined in this file`, hint);
    } else {
      for (const parent of p.parents) {
        err(parent.offset, 'INVENTORY_UNDEFINED_GROUP', `[${parent.name}:children] names group '${name}', which is not defined in this file`, hint);
      }
    }
  }
  return errors;
}

type Report = (offset: number, code: DiagnosticCode, message: string, hint?: string) => void;

function hostLine(line: string, at: number, group: string, b: InventoryBuilder, where: { file: string; path: string }, err: Report): void {
  const { file, path } = where;
  const split = shlexSplit(line, { comments: true });
  if (!split.ok) {
    err(at + split.offset, 'INVENTORY_INI_SYNTAX', `cannot read host line: ${split.message}`);
    return;
  }
  const [first, ...rest] = split.tokens;
  if (!first) return;
  const pattern = first.text;
  if (pattern.trim() === '---') {
    err(at + first.offset, 'INVENTORY_LOOKS_LIKE_YAML', "'---' is not a host name; this file looks like YAML", 'give YAML inventories a .yml or .yaml extension');
    return;
  }
  const parsed = parseHostPattern(pattern);
  if (!parsed.ok) {
    err(at + first.offset, 'INVENTORY_HOST_PATTERN', parsed.message);
    return;
  }
  if (pattern === '' || (pattern.endsWith(':') && parsed.port === undefined)) {
    err(at + first.offset, 'INVENTORY_HOST_PATTERN', pattern === '' ? 'empty host name' : `host '${pattern}' ends in ':'; that is reserved for a port (host:2222)`);
    return;
  }
  const vars: [string, unknown][] = [];
  let bad = false;
  for (const t of rest) {
    const eq = t.text.indexOf('=');
    if (eq <= 0) {
      err(at + t.offset, 'INVENTORY_INI_VAR', `expected key=value after the host name, got '${t.text}'`, eq === 0 ? 'the variable name is missing' : "values with spaces need quotes: key='a b'");
      bad = true;
      continue;
    }
    vars.push([t.text.slice(0, eq), iniValue(t.text.slice(eq + 1))]);
  }
  if (bad) return;
  if (parsed.port !== undefined) vars.unshift(['ansible_port', parsed.port]);
  for (const name of parsed.names) {
    b.addHost(name, group, path);
    for (const [k, v] of vars) b.setHostVar(name, k, v, `${file}: host '${name}'`);
  }
}

function varLine(line: string, at: number, group: string, b: InventoryBuilder, file: string, err: Report): void {
  const eq = line.indexOf('=');
  const key = eq < 0 ? '' : line.slice(0, eq).trim();
  if (eq < 0 || key === '') {
    err(at, 'INVENTORY_INI_VAR', `expected key=value in [${group}:vars], got '${line}'`, eq < 0 ? "write 'name=value', one per line" : 'the variable name is missing');
    return;
  }
  const bad = b.setGroupVar(group, key, iniValue(line.slice(eq + 1).trim()), `${file}: group '${group}'`);
  if (bad) err(at, 'INVENTORY_GROUP_PRIORITY', bad);
}

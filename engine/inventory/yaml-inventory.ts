// Ansible's YAML inventory: top-level keys are groups; a group has `hosts:`, `children:` and
// `vars:`. The structure is walked on the YAML node tree (not the plain data) so that key order,
// key types (a host name `1` or `yes` is not a string) and positions are all exact.
import { isAlias, isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';
import type { DiagnosticCode } from '../errors/codes.js';
import { diagnosticAt, type Diagnostic } from '../errors/diagnostic.js';
import type { SourceText } from '../errors/source-text.js';
import { closest } from '../errors/suggest.js';
import { ansibleTags } from '../source/yaml-schema.js';
import type { InventoryBuilder } from './builder.js';
import { parseHostPattern } from './host-range.js';

const GROUP_KEYS = ['hosts', 'children', 'vars'];

interface Entry {
  readonly name: string | undefined; // undefined when the key is not a string
  readonly keyText: string;
  /** What YAML made of a non-string key, e.g. "the boolean true". */
  readonly keyKind: string;
  readonly keyOffset: number;
  readonly value: unknown; // a yaml node, or null
  readonly valueOffset: number;
}

/** Is this document an inventory-shaped mapping (used to tell YAML from INI)? */
export function looksLikeYamlInventory(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `path` is recorded as the hosts' inventory_file; messages use the source's own name. */
export function parseYamlInventory(source: SourceText, b: InventoryBuilder, path: string): Diagnostic[] {
  const doc = parseDocument(source.text, { version: '1.1', customTags: ansibleTags, uniqueKeys: true, prettyErrors: false });
  const w = new Walker(doc, source, b, path);
  const root = w.resolve(doc.contents);
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) {
    return [diagnosticAt(source, offsetOf(root) ?? 0, 'INVENTORY_YAML_NOT_MAP', 'a YAML inventory must be a mapping of group names (all:, webservers:, ...)')];
  }
  const entries = w.entries(root);
  if (entries.some((e) => e.name === 'plugin')) {
    const e = entries.find((x) => x.name === 'plugin');
    return [diagnosticAt(source, e?.keyOffset ?? 0, 'INVENTORY_PLUGIN', 'inventory plugin configuration files are not supported; list hosts and groups instead')];
  }
  for (const e of entries) w.group(e);
  return w.errors;
}

class Walker {
  readonly errors: Diagnostic[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: SourceText,
    private readonly b: InventoryBuilder,
    private readonly path: string,
  ) {}

  private get file(): string {
    return this.source.file;
  }

  private err(offset: number, code: DiagnosticCode, message: string, hint?: string): void {
    this.errors.push(diagnosticAt(this.source, offset, code, message, hint));
  }

  resolve(node: unknown): unknown {
    return isAlias(node) ? (node.resolve(this.doc) ?? null) : (node ?? null);
  }

  /** The key as written, for messages about keys that are not strings. */
  private textOf(node: unknown): string {
    const start = offsetOf(node);
    const end: unknown = typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range) ? node.range[1] : undefined;
    return start === undefined || typeof end !== 'number' ? String(node) : this.source.text.slice(start, end).trim();
  }

  entries(map: YAMLMap): Entry[] {
    return map.items.map((pair) => {
      const key = this.resolve(pair.key);
      const value = this.resolve(pair.value);
      const isString = isScalar(key) && typeof key.value === 'string';
      return {
        name: isString ? String(key.value) : undefined,
        keyText: isString ? String(key.value) : this.textOf(pair.key),
        keyKind: isString ? 'a string' : describe(key),
        keyOffset: offsetOf(pair.key) ?? 0,
        value: isScalar(value) && value.value === null ? null : value,
        valueOffset: offsetOf(pair.value) ?? offsetOf(pair.key) ?? 0,
      };
    });
  }

  /** A group definition `name: {hosts, children, vars}` or `name:` (null). Returns the name. */
  group(e: Entry): string | undefined {
    if (e.name === undefined) {
      this.err(e.keyOffset, 'INVENTORY_GROUP_NAME', `group name ${e.keyText} is read as ${e.keyKind}, not a string`, `quote it: '${e.keyText}':`);
      return undefined;
    }
    const name = e.name;
    if (e.value !== null && !isMap(e.value)) {
      this.err(e.valueOffset, 'INVENTORY_GROUP_NOT_MAP', `group '${name}' must be a mapping with hosts:, children: or vars:, got ${describe(e.value)}`);
      return undefined;
    }
    this.b.addGroup(name);
    if (e.value === null) return name;
    for (const s of this.entries(e.value)) {
      if (s.name === 'hosts') this.hosts(name, s);
      else if (s.name === 'children') this.children(name, s);
      else if (s.name === 'vars') this.vars(name, s);
      else {
        const guess = s.name === undefined ? undefined : closest(s.name, GROUP_KEYS);
        this.err(s.keyOffset, 'INVENTORY_UNKNOWN_KEY', `unknown key '${s.keyText}' in group '${name}'; a group has only hosts:, children: and vars:`, guess ? `did you mean '${guess}'?` : `to define a child group, put it under '${name}: children:'`);
      }
    }
    return name;
  }

  /** `hosts:` and `children:` may also be a single name, as Ansible allows. */
  private section(owner: string, s: Entry, what: 'hosts' | 'children', example: string): Entry[] | undefined {
    if (s.value === null) return [];
    if (isScalar(s.value) && typeof s.value.value === 'string') {
      return [{ name: s.value.value, keyText: s.value.value, keyKind: 'a string', keyOffset: s.valueOffset, value: null, valueOffset: s.valueOffset }];
    }
    if (!isMap(s.value)) {
      const hint = describe(s.value) === 'a list' ? `write each entry as a key ending in ':' (${example}), not as '- ${example.replace(/:$/, '')}'` : undefined;
      this.err(s.valueOffset, what === 'hosts' ? 'INVENTORY_HOSTS_NOT_MAP' : 'INVENTORY_CHILDREN_NOT_MAP', `'${what}:' of group '${owner}' must be a mapping, got ${describe(s.value)}`, hint);
      return undefined;
    }
    return this.entries(s.value);
  }

  private hosts(group: string, s: Entry): void {
    for (const h of this.section(group, s, 'hosts', 'web1:') ?? []) {
      if (h.name === undefined) {
        this.err(h.keyOffset, 'INVENTORY_HOST_NAME', `host name ${h.keyText} is read as ${h.keyKind}, not a string`, `quote it: '${h.keyText}':`);
        continue;
      }
      const parsed = parseHostPattern(h.name);
      if (!parsed.ok) {
        this.err(h.keyOffset, 'INVENTORY_HOST_PATTERN', parsed.message);
        continue;
      }
      let vars: [string, unknown][] = [];
      if (h.value !== null) {
        if (!isMap(h.value)) {
          this.err(h.valueOffset, 'INVENTORY_HOST_VARS_NOT_MAP', `variables of host '${h.name}' must be a mapping, got ${describe(h.value)}`);
          continue;
        }
        vars = this.toVars(h.value);
      }
      if (parsed.port !== undefined) vars.unshift(['ansible_port', parsed.port]);
      for (const name of parsed.names) {
        this.b.addHost(name, group, this.path);
        for (const [k, v] of vars) this.b.setHostVar(name, k, v, `${this.file}: host '${name}'`);
      }
    }
  }

  private children(group: string, s: Entry): void {
    for (const c of this.section(group, s, 'children', 'webservers:') ?? []) {
      const child = this.group(c);
      if (child === undefined) continue;
      const bad = this.b.addChild(group, child);
      if (bad) this.err(c.keyOffset, 'INVENTORY_GROUP_CYCLE', bad);
    }
  }

  private vars(group: string, s: Entry): void {
    if (s.value === null) return;
    if (!isMap(s.value)) {
      this.err(s.valueOffset, 'INVENTORY_VARS_NOT_MAP', `'vars:' of group '${group}' must be a mapping, got ${describe(s.value)}`);
      return;
    }
    const entries = this.entries(s.value);
    for (const [k, v] of this.toVars(s.value)) {
      const bad = this.b.setGroupVar(group, k, v, `${this.file}: group '${group}'`);
      const at = entries.find((e) => e.name === k)?.valueOffset ?? s.valueOffset;
      if (bad) this.err(at, 'INVENTORY_GROUP_PRIORITY', bad);
    }
  }

  /** Variable values as plain data, read with the same YAML rules as the rest of the file. */
  private toVars(map: YAMLMap): [string, unknown][] {
    const data: unknown = map.toJS(this.doc, { maxAliasCount: 100 });
    return typeof data === 'object' && data !== null ? Object.entries(data) : [];
  }
}

function offsetOf(node: unknown): number | undefined {
  if (typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range)) {
    const start: unknown = node.range[0];
    if (typeof start === 'number') return start;
  }
  return undefined;
}

function describe(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return `the string '${v}'`;
    if (v === null) return 'null';
    return `the ${typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : 'value'} ${node.toString()}`;
  }
  if (typeof node === 'object' && node !== null && 'items' in node) return 'a list';
  return 'an unexpected value';
}

// Reads one YAML file into plain data while keeping the parsed Document, so any path inside
// the data (an ajv instancePath, a task key) can be mapped back to FILE:LINE:COL.
import { isAlias, isCollection, isNode, isPair, isScalar, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import type { DiagnosticCode } from '../errors/codes.js';
import { diagnosticAt, type Diagnostic } from '../errors/diagnostic.js';
import { SourceText, type SourcePos } from '../errors/source-text.js';
import { ansibleTags, BASE60_MESSAGE } from './yaml-schema.js';

export type DataPath = readonly (string | number)[];

export interface YamlFile {
  readonly source: SourceText;
  readonly value: unknown;
  /** Offset of the node at `path`, or of its nearest existing ancestor. */
  offsetOf(path: DataPath, key?: boolean): number;
  posOf(path: DataPath, key?: boolean): SourcePos;
  at(path: DataPath, code: DiagnosticCode, message: string, hint?: string, key?: boolean): Diagnostic;
}

export type YamlLoad = { ok: true; file: YamlFile } | { ok: false; diagnostics: Diagnostic[] };

const MAX_ALIASES = 100;

export function parseYaml(fileName: string, text: string): YamlLoad {
  const source = new SourceText(fileName, text);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: ansibleTags,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
    strict: true,
  });
  const list = Array.isArray(docs) ? docs : [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const code: DiagnosticCode = e.message.includes(BASE60_MESSAGE) ? 'YAML_BASE60' : `YAML_${e.code}`;
      diagnostics.push(diagnosticAt(source, e.pos[0], code, firstLine(e.message)));
    }
  }
  if (list.length > 1) {
    const second = list[1];
    diagnostics.push(
      diagnosticAt(source, second?.range[0] ?? 0, 'YAML_MULTIPLE_DOCS', 'expected one YAML document, found several'),
    );
  }
  for (const doc of list) diagnostics.push(...collectionKeys(source, doc), ...valueKeys(source, doc));
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const doc = list[0];
  if (!doc) return { ok: true, file: makeFile(source, undefined, null) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // yaml throws a ReferenceError when alias expansion passes maxAliasCount (a "billion laughs");
    // other throws here are bad merge keys and similar structural problems.
    const message = e instanceof Error ? firstLine(e.message) : String(e);
    const [code, text]: [DiagnosticCode, string] =
      e instanceof ReferenceError
        ? ['YAML_ALIAS_LIMIT', `too many alias expansions (limit ${MAX_ALIASES}): ${message}`]
        : ['YAML_INVALID', message];
    return { ok: false, diagnostics: [diagnosticAt(source, 0, code, text)] };
  }
  return { ok: true, file: makeFile(source, doc, unshare(value)) };
}

/**
 * `[a]: 1` or `? {a: 1}`: a list or mapping as a key. PyYAML refuses it (unhashable); yaml would
 * stringify it and print a process warning, so it is an error here, at the key.
 */
function collectionKeys(source: SourceText, doc: Document.Parsed): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (isCollection(key) && isNode(pair.key)) {
        out.push(diagnosticAt(source, pair.key.range?.[0] ?? 0, 'YAML_COLLECTION_KEY', 'a mapping key must be a plain value, not a list or mapping'));
      }
    },
  });
  return out;
}

/**
 * A plain `=` is YAML 1.1's value key: PyYAML reads it as a string in a key and fails to load it
 * anywhere else, so Ansible refuses `x: =`; so does deckhand.
 */
function valueKeys(source: SourceText, doc: Document.Parsed): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && node.type === 'PLAIN' && node.source === '=') {
        out.push(diagnosticAt(source, node.range?.[0] ?? 0, 'YAML_INVALID', 'a plain = is YAML 1.1\'s value key, which Ansible cannot load; quote it'));
      }
    },
  });
  return out;
}

/** Aliases resolve to one shared JS object; copy them so a change for one host stays there. */
function unshare(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unshare);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = unshare(x);
    return out;
  }
  return v;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function makeFile(source: SourceText, doc: Document.Parsed | undefined, value: unknown): YamlFile {
  const offsetOf = (path: DataPath, key = false): number => {
    if (!doc) return 0;
    let node: unknown = doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const seg of path) {
      const next = childOf(node, seg);
      if (!next) break;
      node = next.value;
      offset = (key ? rangeStart(next.key) : undefined) ?? rangeStart(next.value) ?? rangeStart(next.key) ?? offset;
    }
    return offset;
  };
  return {
    source,
    value,
    offsetOf,
    posOf: (path, key) => source.posAt(offsetOf(path, key)),
    at: (path, code, message, hint, key) => diagnosticAt(source, offsetOf(path, key), code, message, hint),
  };
}

function rangeStart(n: unknown): number | undefined {
  return isNode(n) && n.range ? n.range[0] : undefined;
}

/** The key and value nodes at one path segment, following aliases. */
function childOf(node: unknown, seg: string | number): { key: unknown; value: unknown } | undefined {
  const n = resolveAlias(node);
  if (!n || typeof n !== 'object' || !('items' in n) || !Array.isArray(n.items)) return undefined;
  const items: unknown[] = n.items;
  if (typeof seg === 'number') {
    const item = items[seg];
    if (item === undefined) return undefined;
    return isPair(item) ? { key: item.key, value: item.value } : { key: undefined, value: item };
  }
  for (const item of items) {
    if (isPair(item) && keyText(item.key) === seg) return { key: item.key, value: item.value };
  }
  return undefined;
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return typeof k === 'string' ? k : undefined;
}

function resolveAlias(n: unknown): Node | undefined {
  if (!isNode(n)) return undefined;
  return n;
}

// Enough TOML to read containerd's config.toml the way containerd does:
// table headers with quoted segments, key/value pairs, strict value syntax
// (so `SystemdCgroup = True` is an error, as in a real containerd), and
// duplicate keys or tables rejected.

export type TomlValue = string | number | boolean | TomlValue[] | { readonly inline: string };

export class TomlError extends Error {
  constructor(readonly line: number, detail: string) {
    super(`toml: line ${line}: ${detail}`);
  }
}

export interface TomlDoc {
  /** Table path segments joined by \0 → that table's keys. */
  readonly tables: Map<string, Map<string, TomlValue>>;
}

const SEP = '\u0000';

export function tableKey(path: readonly string[]): string {
  return path.join(SEP);
}

export function getValue(doc: TomlDoc, path: readonly string[], key: string): TomlValue | undefined {
  return doc.tables.get(tableKey(path))?.get(key);
}

/** Splits `a."b.c".'d'` into ["a", "b.c", "d"]. */
export function splitKey(text: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      const end = s.indexOf(ch, i + 1);
      if (end < 0) throw new TomlError(line, `unterminated quoted key in ${JSON.stringify(text)}`);
      out.push(s.slice(i + 1, end));
      i = end + 1;
    } else {
      const match = /^[A-Za-z0-9_-]+/.exec(s.slice(i));
      if (!match) throw new TomlError(line, `invalid key ${JSON.stringify(text)}`);
      out.push(match[0]);
      i += match[0].length;
    }
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i < s.length) {
      if (s[i] !== '.') throw new TomlError(line, `invalid key ${JSON.stringify(text)}`);
      i++;
    }
  }
  return out;
}

export function parseToml(text: string): TomlDoc {
  const tables = new Map<string, Map<string, TomlValue>>([[tableKey([]), new Map()]]);
  const declared = new Set<string>();
  let current: string[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = stripComment(lines[n] ?? '').trim();
    const lineNo = n + 1;
    if (line === '') continue;
    const header = /^\[\[?(.*?)\]\]?$/.exec(line);
    if (header && !line.includes('=')) {
      current = splitKey(header[1] ?? '', lineNo);
      const key = tableKey(current);
      if (!line.startsWith('[[') && declared.has(key)) throw new TomlError(lineNo, `duplicated tables`);
      declared.add(key);
      if (!tables.has(key)) tables.set(key, new Map());
      continue;
    }
    const eq = findEquals(line);
    if (eq < 0) throw new TomlError(lineNo, `expected key = value, found ${JSON.stringify(line)}`);
    // Arrays may span lines.
    while (bracketDepth(line.slice(eq + 1)) > 0 && n + 1 < lines.length) line += ` ${stripComment(lines[++n] ?? '').trim()}`;
    const keyPath = splitKey(line.slice(0, eq), lineNo);
    const key = keyPath.pop() ?? '';
    const path = [...current, ...keyPath];
    const table = tables.get(tableKey(path)) ?? new Map<string, TomlValue>();
    tables.set(tableKey(path), table);
    if (table.has(key)) throw new TomlError(lineNo, `the key ${JSON.stringify(key)} is defined twice`);
    table.set(key, parseValue(line.slice(eq + 1).trim(), lineNo, key));
  }
  return { tables };
}

function findEquals(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '=') return i;
  }
  return -1;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

function bracketDepth(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
  }
  return depth;
}

function parseValue(text: string, line: number, key: string): TomlValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^[+-]?(\d[\d_]*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text.replace(/_/g, ''));
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) return JSON.parse(text) as string;
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) return text.slice(1, -1);
  if (text.startsWith('{') && text.endsWith('}')) return { inline: text };
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    return inner === '' ? [] : splitTopLevel(inner).filter((item) => item.trim() !== '').map((item) => parseValue(item.trim(), line, key));
  }
  throw new TomlError(line, `(last key ${JSON.stringify(key)}): expected value but found ${JSON.stringify(text)} instead`);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

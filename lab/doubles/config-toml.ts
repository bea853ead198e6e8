// containerd's config.toml read with smol-toml, its errors worded as the
// stand-in reports them ("toml: line N: …", naming the key and the text).
import { parse, TomlError, type TomlTable, type TomlValue } from 'smol-toml';

export type TomlRead = { readonly ok: true; readonly doc: TomlTable } | { readonly ok: false; readonly error: string };

export function readToml(text: string): TomlRead {
  try {
    return { ok: true, doc: parse(text) };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    return { ok: false, error: `toml: line ${error.line}: ${detail(error, text.split(/\r?\n/)[error.line - 1] ?? '')}` };
  }
}

function detail(error: TomlError, line: string): string {
  const summary = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
  const eq = line.indexOf('=');
  const header = /^\s*\[/.test(line);
  const key = eq < 0 || header ? '' : line.slice(0, eq).trim();
  if (/redefine/.test(summary)) return header ? 'duplicated tables' : `the key ${JSON.stringify(key)} is defined twice`;
  if (/invalid value/.test(summary) && key !== '') {
    const found = line.slice(eq + 1).replace(/\s+#.*$/, '').trim();
    return `(last key ${JSON.stringify(key)}): expected value but found ${JSON.stringify(found)} instead`;
  }
  return summary;
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value of `key` in the table at `path`, if every step is a table. */
export function getValue(doc: TomlTable, path: readonly string[], key: string): TomlValue | undefined {
  let table: TomlTable = doc;
  for (const segment of path) {
    const next = table[segment];
    if (!isTable(next)) return undefined;
    table = next;
  }
  return table[key];
}

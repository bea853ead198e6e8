// A YAML reading as JSON-able data with a type on every value, keys included, so deckhand's
// reading and Ansible's (pyyaml-reading.ts) compare with deepEqual.
import { parseDocument } from 'yaml';
import { parseYaml } from '../../engine/source/yaml-file.js';
import { ansibleTags } from '../../engine/source/yaml-schema.js';

export type Reading =
  | ['error', string]
  | ['null']
  | ['bool', boolean]
  | ['num', number | 'inf' | '-inf' | 'nan']
  | ['str', string]
  | ['date', string]
  | ['list', Reading[]]
  | ['map', [Reading, Reading][]];

function numberReading(n: number): Reading {
  if (Number.isNaN(n)) return ['num', 'nan'];
  if (!Number.isFinite(n)) return ['num', n > 0 ? 'inf' : '-inf'];
  return ['num', n];
}

function valueReading(v: unknown): Reading {
  if (v === null || v === undefined) return ['null'];
  if (typeof v === 'boolean') return ['bool', v];
  if (typeof v === 'number') return numberReading(v);
  if (typeof v === 'string') return ['str', v];
  if (Array.isArray(v)) return ['list', v.map(valueReading)];
  if (v instanceof Map) return ['map', [...v.entries()].map(([k, x]): [Reading, Reading] => [valueReading(k), valueReading(x)])];
  return ['error', `unexpected ${typeof v}`];
}

/**
 * deckhand's reading: parseYaml decides success; the same parse with Map output then shows what
 * each key was read as (the data deckhand hands on has string keys).
 */
export function deckhandReading(text: string): Reading {
  const r = parseYaml('t.yml', text);
  if (!r.ok) return ['error', r.diagnostics.map((d) => d.code).join(',')];
  const doc = parseDocument(text, { version: '1.1', customTags: ansibleTags });
  return valueReading(doc.toJS({ mapAsMap: true, maxAliasCount: 100 }));
}

/** Maps in a fixed order, so key order and a merge's placement of keys do not matter. */
export function sorted(r: Reading): Reading {
  if (r[0] === 'list') return ['list', r[1].map(sorted)];
  if (r[0] !== 'map') return r;
  const pairs = r[1].map(([k, v]): [Reading, Reading] => [sorted(k), sorted(v)]);
  return ['map', pairs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))];
}

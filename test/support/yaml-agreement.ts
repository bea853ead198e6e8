// Whether deckhand reads a document as Ansible does, or differs in one of the documented
// deliberate ways (docs/variables.md, "YAML readings").
import { isDeepStrictEqual } from 'node:util';
import { sorted, type Reading } from './yaml-reading.js';

export type Verdict = 'same' | 'base-60' | 'duplicate key' | 'timestamp' | 'python key equality' | 'differs';

/** Ansible's dates as the strings deckhand keeps them as. */
function datesAsText(r: Reading): Reading {
  if (r[0] === 'date') return ['str', r[1]];
  if (r[0] === 'list') return ['list', r[1].map(datesAsText)];
  if (r[0] === 'map') return ['map', r[1].map(([k, v]): [Reading, Reading] => [datesAsText(k), datesAsText(v)])];
  return r;
}

/** A key as a Python dict compares it: True is 1 and False is 0. */
const pythonKey = (k: Reading): Reading => (k[0] === 'bool' ? ['num', k[1] ? 1 : 0] : k);

/** deckhand's maps merged as a Python dict would merge them: the first key, the last value. */
function pythonMaps(r: Reading): Reading {
  if (r[0] === 'list') return ['list', r[1].map(pythonMaps)];
  if (r[0] !== 'map') return r;
  const out: [Reading, Reading][] = [];
  for (const [k, v] of r[1]) {
    const same = out.find(([o]) => isDeepStrictEqual(pythonKey(o), pythonKey(k)));
    if (same) same[1] = pythonMaps(v);
    else out.push([k, pythonMaps(v)]);
  }
  return ['map', out];
}

export function verdict(ansible: Reading, deckhand: Reading): Verdict {
  if (ansible[0] === 'error' && deckhand[0] === 'error') return 'same';
  const a = sorted(ansible);
  const d = sorted(deckhand);
  if (isDeepStrictEqual(a, d)) return 'same';
  if (deckhand[0] === 'error' && ansible[0] !== 'error') {
    if (deckhand[1].includes('YAML_BASE60')) return 'base-60';
    if (deckhand[1].includes('YAML_DUPLICATE_KEY')) return 'duplicate key';
  }
  if (isDeepStrictEqual(sorted(datesAsText(ansible)), d)) return 'timestamp';
  if (isDeepStrictEqual(sorted(datesAsText(ansible)), sorted(pythonMaps(deckhand)))) return 'python key equality';
  return 'differs';
}

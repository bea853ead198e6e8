// PyYAML's int and float readings (yaml/resolver.py, yaml/constructor.py), which differ from the
// yaml package's 1.1 tags: `08` and `1e3` are strings, `+.5` is a string, `0x_` is an error.
import type { ScalarTag } from 'yaml';

// Base-60 alternatives are left out: the base-60 tag in yaml-schema.ts claims those first.
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Splits off the sign as construct_yaml_int/float do, after dropping underscores. */
function signed(text: string): [number, string] {
  const sign = text.startsWith('-') ? -1 : 1;
  return [sign, /^[-+]/.test(text) ? text.slice(1) : text];
}

function parseInt2(digits: string, radix: number, onError: (m: string) => void): number {
  // Python's int('', 16) raises, so `0x_` fails to load in Ansible.
  if (digits === '') {
    onError(`not a number in base ${radix}; quote the value`);
    return 0;
  }
  return parseInt(digits, radix);
}

function readInt(text: string, onError: (m: string) => void): number {
  const [sign, v] = signed(text.replace(/_/g, ''));
  let n: number;
  if (v === '0') n = 0;
  else if (v.startsWith('0b')) n = parseInt2(v.slice(2), 2, onError);
  else if (v.startsWith('0x')) n = parseInt2(v.slice(2), 16, onError);
  else if (v.startsWith('0')) n = parseInt(v, 8);
  else n = parseInt(v, 10);
  // Python's ints have no -0.
  return n === 0 ? 0 : sign * n;
}

function readFloat(text: string): number {
  const [sign, v] = signed(text.replace(/_/g, '').toLowerCase());
  if (v === '.inf') return sign * Infinity;
  if (v === '.nan') return NaN;
  return sign * Number(v);
}

export const intTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: INT,
  identify: (v) => typeof v === 'number' && Number.isInteger(v),
  resolve: readInt,
  stringify: ({ value }) => String(value),
};

export const floatTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: FLOAT,
  identify: (v) => typeof v === 'number',
  resolve: readFloat,
  stringify: ({ value }) => {
    const n = Number(value);
    if (Number.isNaN(n)) return '.nan';
    if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
    return String(n);
  },
};

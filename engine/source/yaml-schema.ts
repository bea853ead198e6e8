// YAML 1.1 as Ansible (PyYAML) reads it, minus the surprises PyYAML users never intend:
//  - yes/no/on/off/true/false in PyYAML's spellings are booleans; `y`/`n` stay strings (PyYAML agrees).
//  - 0644 is octal (420), as `mode: 0644` means in Ansible.
//  - timestamps stay strings (Ansible users compare them as text).
//  - base-60 numbers (22:22 → 1342) are refused: nobody means them, and silently turning a port
//    mapping into an integer is worse than an error that says "quote it".
import type { ScalarTag, Tags } from 'yaml';

const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

export const BASE60_MESSAGE = 'base-60 numbers are not supported; quote the value';

export class VaultText {
  constructor(readonly ciphertext: string) {}
}

const boolTags: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    test: TRUE,
    resolve: () => true,
    identify: (v) => v === true,
    stringify: () => 'true',
  },
  {
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    test: FALSE,
    resolve: () => false,
    identify: (v) => v === false,
    stringify: () => 'false',
  },
];

const base60Tag: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  test: SEXAGESIMAL,
  resolve: (str, onError) => {
    onError(BASE60_MESSAGE);
    return str;
  },
};

const vaultTag: ScalarTag = {
  tag: '!vault',
  identify: (v) => v instanceof VaultText,
  resolve: (str) => new VaultText(str),
};

function isDropped(t: Tags[number]): boolean {
  if (typeof t === 'string') return ['timestamp', 'bool', 'intTime', 'floatTime'].includes(t);
  const tag = t.tag;
  const test = 'test' in t && t.test instanceof RegExp ? t.test.source : '';
  if (tag === 'tag:yaml.org,2002:timestamp') return true;
  if (tag === 'tag:yaml.org,2002:bool') return true;
  return test.includes('(?::[0-5]?[0-9])+');
}

export function ansibleTags(defaults: Tags): Tags {
  const kept = defaults.filter((t) => !isDropped(t));
  // Order matters: the first matching test wins, and these must beat int/float/str.
  return [...boolTags, base60Tag, ...kept, vaultTag];
}

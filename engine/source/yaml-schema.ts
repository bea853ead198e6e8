// YAML 1.1 as Ansible (PyYAML) reads it, minus the surprises PyYAML users never intend:
//  - yes/no/on/off/true/false in PyYAML's spellings are booleans; `y`/`n` stay strings (PyYAML agrees).
//  - 0644 is octal (420), as `mode: 0644` means in Ansible.
//  - timestamps stay strings (Ansible users compare them as text).
//  - base-60 numbers (22:22 → 1342) are refused: nobody means them, and silently turning a port
//    mapping into an integer is worse than an error that says "quote it".
//  - ints and floats follow PyYAML's patterns exactly (yaml-numbers.ts).
//  - a plain `=` value is refused in yaml-file.ts (as a key it is a string, as in PyYAML).
import type { ScalarTag, Tags } from 'yaml';
import { floatTag, intTag } from './yaml-numbers.js';

const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
// PyYAML's base-60 int (no leading 0) and float (with a dot); `00:30` stays a string there too.
const SEXAGESIMAL = /^(?:[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$/;

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
  if (typeof t === 'string') return ['timestamp', 'bool', 'int', 'float', 'intTime', 'floatTime'].includes(t);
  return [
    'tag:yaml.org,2002:timestamp',
    'tag:yaml.org,2002:bool',
    'tag:yaml.org,2002:int',
    'tag:yaml.org,2002:float',
  ].includes(t.tag);
}

export function ansibleTags(defaults: Tags): Tags {
  const kept = defaults.filter((t) => !isDropped(t));
  // Order matters: the first matching test wins, and these must beat int/float/str.
  return [...boolTags, base60Tag, intTag, floatTag, ...kept, vaultTag];
}

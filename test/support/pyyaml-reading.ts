// Ansible's reading of YAML documents (AnsibleLoader: PyYAML's SafeLoader rules), in one python3
// process for a whole batch, as Readings (yaml-reading.ts).
import { pythonJsonWith } from './python.js';
import type { Reading } from './yaml-reading.js';

// Dates keep their source text (a str subclass, so they still work as keys) so that a reading
// can be matched to deckhand's, which keeps timestamps as strings.
const SCRIPT = String.raw`
import datetime, json, math, os, sys
os.environ['ANSIBLE_DUPLICATE_YAML_DICT_KEY'] = 'ignore'
from ansible.parsing.yaml.loader import AnsibleLoader

class Stamp(str):
    pass

class Loader(AnsibleLoader):
    def construct_yaml_timestamp(self, node):
        super().construct_yaml_timestamp(node)
        return Stamp(node.value)

Loader.add_constructor('tag:yaml.org,2002:timestamp', Loader.construct_yaml_timestamp)

def reading(v):
    if v is None: return ['null']
    if isinstance(v, bool): return ['bool', v]
    if isinstance(v, int): return ['num', v]
    if isinstance(v, float):
        if math.isnan(v): return ['num', 'nan']
        if math.isinf(v): return ['num', 'inf' if v > 0 else '-inf']
        return ['num', v]
    if isinstance(v, Stamp): return ['date', str(v)]
    if isinstance(v, str): return ['str', str(v)]
    if isinstance(v, list): return ['list', [reading(x) for x in v]]
    if isinstance(v, dict): return ['map', [[reading(k), reading(x)] for k, x in v.items()]]
    return ['error', 'unexpected ' + type(v).__name__]

def load(text):
    try:
        loader = Loader(text)
        try:
            return reading(loader.get_single_data())
        finally:
            loader.dispose()
    except Exception as e:
        return ['error', type(e).__name__]

print(json.dumps([load(t) for t in json.load(sys.stdin)]))
`;

export function pyyamlReadings(python: string, texts: readonly string[]): Reading[] {
  return pythonJsonWith(python, SCRIPT, texts) as Reading[];
}

import { strict as assert } from 'node:assert';
import { jsonpath } from '../../../lab/doubles/jsonpath.js';

const nodes = {
  kind: 'List',
  items: [
    { metadata: { name: 'master', labels: { 'kubernetes.io/hostname': 'master' } }, status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }] } },
    { metadata: { name: 'worker1', labels: {} }, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
  ],
};

describe('lab kubectl jsonpath', () => {
  const cases: Array<[string, string]> = [
    ['{.kind}', 'List'],
    ['{.items[*].metadata.name}', 'master worker1'],
    ['{.items[0].metadata.name}', 'master'],
    ['{.items[-1].metadata.name}', 'worker1'],
    ['{.items[?(@.metadata.name=="worker1")].status.conditions[?(@.type=="Ready")].status}', 'False'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}', 'master\tTrue\nworker1\tFalse\n'],
    ["{.items[0].metadata.labels['kubernetes.io/hostname']}", 'master'],
    ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', 'master'],
    ['{.items[1].metadata.labels}', '{}'],
    ['{.missing.field}', ''],
    ['{..name}', 'master worker1'],
    ['{.items[*].status.conditions[?(@.status!="True")].type}', 'MemoryPressure Ready'],
    ['.kind', 'List'],
    ['count: {.items[0:1].metadata.name}', 'count: master'],
  ];
  for (const [template, expected] of cases) {
    it(`renders ${template}`, () => assert.equal(jsonpath(template, nodes), expected));
  }
});

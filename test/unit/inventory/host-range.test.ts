import { strict as assert } from 'node:assert';
import { parseHostPattern } from '../../../engine/inventory/host-range.js';

const ok: [string, string[], number?][] = [
  ['web1', ['web1']],
  ['worker[1:3]', ['worker1', 'worker2', 'worker3']],
  ['web[01:03]', ['web01', 'web02', 'web03']],
  ['web[08:10]', ['web08', 'web09', 'web10']],
  ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
  ['n[1:7:3]', ['n1', 'n4', 'n7']],
  ['x[a:e:2]', ['xa', 'xc', 'xe']],
  ['r[1:2]-[a:b]', ['r1-a', 'r1-b', 'r2-a', 'r2-b']],
  ['[1:2].example.com', ['1.example.com', '2.example.com']],
  ['web[:2]', ['web0', 'web1', 'web2']],
  ['web1:2222', ['web1'], 2222],
  ['web[1:2]:22', ['web1', 'web2'], 22],
  ['10.0.0.1', ['10.0.0.1']],
  ['10.0.0.1:2200', ['10.0.0.1'], 2200],
  ['10.0.0.[1:3]', ['10.0.0.1', '10.0.0.2', '10.0.0.3']],
  ['::1', ['::1']],
  ['fe80::1', ['fe80::1']],
  ['[fe80::1]:2222', ['fe80::1'], 2222],
  ['web1.example.com', ['web1.example.com']],
  ['bad:name', ['bad:name']],
  ['2001:db8:0:0:0:0:0:1', ['2001:db8:0:0:0:0:0:1']],
  ['::ffff:10.0.0.1', ['::ffff:10.0.0.1']],
  ['fe80::[1:3]', ['fe80::1', 'fe80::2', 'fe80::3']],
];

const bad: [string, RegExp][] = [
  ['web[3:1]', /empty/],
  ['web[1:]', /end value/],
  ['web[01:100]', /same number of digits/],
  ['web[1:2:0]', /step/],
  ['web[x:10]', /numbers or single letters/],
  ['web[1]', /begin:end/],
  ['web]1:2[', /unbalanced/],
  ['web[0:999999]', /more than/],
];

describe('inventory/host-range', () => {
  for (const [text, names, port] of ok) {
    it(`${text} → ${names.join(',')}${port ? ` port ${port}` : ''}`, () => {
      assert.deepEqual(parseHostPattern(text), { ok: true, names, port });
    });
  }
  for (const [text, message] of bad) {
    it(`${text} is refused (${message.source})`, () => {
      const r = parseHostPattern(text);
      assert.ok(!r.ok);
      assert.match(r.message, message);
    });
  }
});

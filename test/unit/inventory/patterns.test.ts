import { strict as assert } from 'node:assert';
import { applyLimit, selectHosts, splitPattern, type Inventory } from '../../../engine/inventory/index.js';
import { fixture, mustLoad } from './helpers.js';

const WEB = ['web1', 'web2', 'web3', 'web4'];
const ALL = ['bastion.example.com', ...WEB, 'db1', 'db2'];

interface Case {
  readonly pattern: string;
  /** Expected hosts in Ansible's order, or the expected error code. */
  readonly hosts?: string[];
  readonly error?: string;
  readonly warnings?: string[];
}

const cases: Case[] = [
  { pattern: 'all', hosts: ALL },
  { pattern: '*', hosts: ALL },
  { pattern: 'webservers', hosts: WEB },
  { pattern: 'web1', hosts: ['web1'] },
  { pattern: 'ungrouped', hosts: ['bastion.example.com'] },
  { pattern: 'webservers:dbservers', hosts: [...WEB, 'db1', 'db2'] },
  { pattern: 'webservers,dbservers', hosts: [...WEB, 'db1', 'db2'] },
  { pattern: ' webservers , dbservers ', hosts: [...WEB, 'db1', 'db2'] },
  { pattern: 'canary:webservers', hosts: ['web4', 'web1', 'web2', 'web3'] },
  { pattern: 'east:west', hosts: ['web1', 'db1', 'web2', 'db2', 'web3'] },
  { pattern: 'web1:web1', hosts: ['web1'] },
  { pattern: 'webservers:&east', hosts: ['web1'] },
  { pattern: '&east:webservers', hosts: ['web1'] },
  { pattern: 'webservers:!canary', hosts: ['web1', 'web2', 'web3'] },
  { pattern: '!canary:webservers', hosts: ['web1', 'web2', 'web3'] },
  { pattern: 'webservers:!east:&west', hosts: ['web2', 'web3'] },
  { pattern: '!webservers', hosts: ['bastion.example.com', 'db1', 'db2'] },
  { pattern: '&east', hosts: ['web1', 'db1'] },
  { pattern: 'all:!bastion.example.com', hosts: [...WEB, 'db1', 'db2'] },
  { pattern: 'web*', hosts: WEB },
  { pattern: 'db?', hosts: ['db1', 'db2'] },
  { pattern: 'web[!4]', hosts: ['web1', 'web2', 'web3'] },
  { pattern: '*.example.com', hosts: ['bastion.example.com'] },
  { pattern: '~web\\d+', hosts: WEB },
  { pattern: '~(web|db)1', hosts: ['web1', 'db1'] },
  { pattern: '~eb', hosts: [], warnings: ['PATTERN_NO_MATCH'] },
  { pattern: 'webservers[0]', hosts: ['web1'] },
  { pattern: 'webservers[-1]', hosts: ['web4'] },
  { pattern: 'webservers[0:2]', hosts: ['web1', 'web2', 'web3'] },
  { pattern: 'webservers[1:]', hosts: ['web2', 'web3', 'web4'] },
  { pattern: 'dbservers:webservers[0]', hosts: ['db1', 'db2', 'web1'] },
  { pattern: 'webservers[0:1]:!web1', hosts: ['web2'] },
  { pattern: 'webservers[10]', error: 'PATTERN_SUBSCRIPT' },
  { pattern: 'webservers[1-2]', hosts: ['web2', 'web3'], warnings: ['PATTERN_DASH_SUBSCRIPT'] },
  { pattern: 'nosuch', hosts: [], warnings: ['PATTERN_NO_MATCH'] },
  { pattern: 'webservers:nosuch', hosts: WEB, warnings: ['PATTERN_NO_MATCH'] },
  { pattern: 'WEB1', hosts: [], warnings: ['PATTERN_NO_MATCH'] },
  { pattern: 'localhost', hosts: ['localhost'] },
  { pattern: '~web(', error: 'PATTERN_INVALID_REGEX' },
  { pattern: '~(?P<n>web)4', hosts: ['web4'] },
  { pattern: '', error: 'PATTERN_EMPTY' },
  { pattern: 'webservers:!', error: 'PATTERN_EMPTY' },
  { pattern: ',', error: 'PATTERN_EMPTY' },
];

describe('inventory/patterns: selectHosts', () => {
  let inv: Inventory;
  before(async () => {
    inv = (await mustLoad([fixture('patterns', 'hosts.yml')])).inventory;
  });
  for (const c of cases) {
    it(`'${c.pattern}' → ${c.error ?? JSON.stringify(c.hosts)}`, () => {
      const r = selectHosts(inv, c.pattern);
      if (c.error !== undefined) {
        assert.equal(r.ok, false);
        assert.ok(!r.ok && r.diagnostics.some((d) => d.code === c.error), JSON.stringify(r));
        return;
      }
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.hosts, c.hosts);
      assert.deepEqual(r.warnings.map((w) => w.code), c.warnings ?? []);
    });
  }
});

describe('inventory/patterns: splitPattern', () => {
  const splits: [string, string[]][] = [
    ['a:b', ['a', 'b']],
    ['a,b', ['a', 'b']],
    ['a:&b:!c', ['a', '&b', '!c']],
    ['web[1:3]', ['web[1:3]']],
    ['web[0:1]:db', ['web[0:1]', 'db']],
    ['::1', ['::1']],
    ['fe80::1', ['fe80::1']],
    ['a:b:c', ['a', 'b', 'c']],
    ['cafe:bad:beef:dead', ['cafe', 'bad', 'beef', 'dead']],
    ['2001:db8::1', ['2001:db8::1']],
    ['a, b ,', ['a', 'b']],
    ['~web\\d+', ['~web\\d+']],
  ];
  for (const [text, parts] of splits) {
    it(`'${text}' → ${JSON.stringify(parts)}`, () => assert.deepEqual(splitPattern(text), parts));
  }
});

describe('inventory/patterns: applyLimit', () => {
  let inv: Inventory;
  before(async () => {
    inv = (await mustLoad([fixture('patterns', 'hosts.yml')])).inventory;
  });
  const limits: { limit: string | undefined; from: string[]; hosts?: string[]; error?: string }[] = [
    { limit: undefined, from: ALL, hosts: ALL },
    { limit: 'east', from: ALL, hosts: ['web1', 'db1'] },
    { limit: 'webservers:!canary', from: ALL, hosts: ['web1', 'web2', 'web3'] },
    { limit: '!dbservers', from: ['db1', 'web2', 'bastion.example.com'], hosts: ['web2', 'bastion.example.com'] },
    { limit: 'west', from: ['db2', 'web2'], hosts: ['db2', 'web2'] },
    { limit: 'web*[0]', from: WEB, hosts: ['web1'] },
    { limit: `@${fixture('patterns', 'retry.txt')}`, from: ALL, hosts: ['web2', 'db1'] },
    { limit: `@${fixture('patterns', 'missing.retry')}`, from: ALL, error: 'PATTERN_LIMIT_FILE' },
    { limit: '', from: ALL, error: 'PATTERN_EMPTY' },
  ];
  for (const c of limits) {
    it(`--limit ${JSON.stringify(c.limit)} → ${c.error ?? JSON.stringify(c.hosts)}`, () => {
      const r = applyLimit(inv, c.from, c.limit);
      if (c.error !== undefined) {
        assert.ok(!r.ok && r.diagnostics.some((d) => d.code === c.error), JSON.stringify(r));
        return;
      }
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.hosts, c.hosts);
    });
  }

  it('locates a bad pattern inside a limit file at its line', () => {
    const r = applyLimit(inv, ALL, `@${fixture('patterns', 'bad.retry')}`);
    assert.ok(!r.ok);
    const d = r.diagnostics[0];
    assert.equal(d?.code, 'PATTERN_INVALID_REGEX');
    assert.equal(d?.pos?.line, 2);
    assert.equal(d?.pos?.col, 3);
  });
});

describe('inventory/patterns: a YAML list of patterns', () => {
  const lists: [string[], string[]][] = [
    [['dbservers', 'canary'], ['db1', 'db2', 'web4']],
    [['webservers', '!canary'], ['web1', 'web2', 'web3']],
    [['east:west', '&dbservers'], ['db1', 'db2']],
  ];
  for (const [list, hosts] of lists) {
    it(`${JSON.stringify(list)} → ${JSON.stringify(hosts)}`, async () => {
      const inv = (await mustLoad([fixture('patterns', 'hosts.yml')])).inventory;
      const r = selectHosts(inv, list);
      assert.ok(r.ok);
      assert.deepEqual(r.hosts, hosts);
    });
  }
});

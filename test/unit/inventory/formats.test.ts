import { strict as assert } from 'node:assert';
import type { Inventory } from '../../../engine/inventory/index.js';
import { loadTree } from './helpers.js';

/** A compact view of an inventory: hosts with vars, and each group's members and children. */
interface Expect {
  readonly hosts?: Record<string, Record<string, unknown>>;
  readonly groups?: Record<string, { hosts?: string[]; children?: string[]; vars?: Record<string, unknown> }>;
  readonly hostOrder?: string[];
}

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly expect: Expect;
}

function check(inv: Inventory, e: Expect): void {
  for (const [name, vars] of Object.entries(e.hosts ?? {})) {
    assert.deepEqual(inv.hosts.get(name)?.vars, vars, `vars of host ${name}`);
  }
  for (const [name, g] of Object.entries(e.groups ?? {})) {
    const got = inv.groups.get(name);
    assert.ok(got, `group ${name} exists`);
    if (g.hosts) assert.deepEqual(got.hosts, g.hosts, `hosts of ${name}`);
    if (g.children) assert.deepEqual(got.children, g.children, `children of ${name}`);
    if (g.vars) assert.deepEqual(got.vars, g.vars, `vars of ${name}`);
  }
  if (e.hostOrder) assert.deepEqual([...inv.hosts.keys()], e.hostOrder);
}

const ini: Case[] = [
  {
    name: 'hosts before any section are ungrouped',
    file: 'hosts',
    text: 'alpha\nbeta\n[web]\nweb1\n',
    expect: { groups: { ungrouped: { hosts: ['alpha', 'beta'] }, web: { hosts: ['web1'] }, all: { children: ['ungrouped', 'web'] } } },
  },
  {
    name: 'host line values are Python literals',
    file: 'hosts.ini',
    text: "[web]\nweb1 port=22 on=True off=False none=None s='x y' mode=0644 list=\"[1, 'a']\" f=1.5 ip=10.0.0.1\n",
    expect: { hosts: { web1: { port: 22, on: true, off: false, none: null, s: 'x y', mode: '0644', list: [1, 'a'], f: 1.5, ip: '10.0.0.1' } } },
  },
  {
    name: 'quoting keeps a number a string',
    file: 'hosts.ini',
    text: `[web]\nweb1 a="'42'" b="42" pw="'03#pa33w0rd'"\n`,
    expect: { hosts: { web1: { a: '42', b: 42, pw: '03#pa33w0rd' } } },
  },
  {
    name: '[group:vars] values: literals where Python reads one, text otherwise',
    file: 'hosts.ini',
    text: '[web]\nweb1\n[web:vars]\nport=8080\nflag = True\nname=FALSE\nmsg=hello world\nq="quoted"\nc=8080 # a comment\nd=foo # kept\nurl=http://x/?a=b\n',
    expect: { groups: { web: { vars: { port: 8080, flag: true, name: 'FALSE', msg: 'hello world', q: 'quoted', c: 8080, d: 'foo # kept', url: 'http://x/?a=b' } } } },
  },
  {
    name: 'a port in the host name sets ansible_port',
    file: 'hosts.ini',
    text: '[web]\nweb1:2222\n[fe80::1]:2200\n',
    expect: { hosts: { web1: { ansible_port: 2222 }, 'fe80::1': { ansible_port: 2200 } } },
  },
  {
    name: 'ranges expand on host lines, with the line vars on every host',
    file: 'hosts.ini',
    text: '[web]\nweb[01:03] role=front\n',
    expect: { hostOrder: ['web01', 'web02', 'web03'], hosts: { web02: { role: 'front' } } },
  },
  {
    name: 'children may be declared before the child group',
    file: 'hosts.ini',
    text: '[prod:children]\nweb\ndb\n[web]\nweb1\n[db]\ndb1\n',
    expect: { groups: { prod: { children: ['web', 'db'] }, all: { children: ['ungrouped', 'prod'] } } },
  },
  {
    name: '[g:vars] before [g] is accepted',
    file: 'hosts.ini',
    text: '[web:vars]\nx=1\n[web]\nweb1\n',
    expect: { groups: { web: { vars: { x: 1 }, hosts: ['web1'] } } },
  },
  {
    name: '[all:vars] and comments with # and ;',
    file: 'hosts.ini',
    text: '# top\n; also a comment\n[all:vars]\nntp=pool.ntp.org\n[web] # trailing\nweb1\n',
    expect: { groups: { all: { vars: { ntp: 'pool.ntp.org' } }, web: { hosts: ['web1'] } } },
  },
  {
    name: 'a host in a group leaves ungrouped',
    file: 'hosts.ini',
    text: 'web1\n[web]\nweb1\n',
    expect: { groups: { ungrouped: { hosts: [] }, web: { hosts: ['web1'] } } },
  },
  {
    name: 'a host in several groups keeps vars from each line',
    file: 'hosts.ini',
    text: '[a]\nh1 x=1\n[b]\nh1 y=2\n',
    expect: { hosts: { h1: { x: 1, y: 2 } }, groups: { a: { hosts: ['h1'] }, b: { hosts: ['h1'] } } },
  },
  {
    name: 'windows line endings',
    file: 'hosts.ini',
    text: '[web]\r\nweb1 a=1\r\n[web:vars]\r\nb=2\r\n',
    expect: { hosts: { web1: { a: 1 } }, groups: { web: { vars: { b: 2 } } } },
  },
];

const yaml: Case[] = [
  {
    name: 'all with hosts, vars and nested children',
    file: 'hosts.yml',
    text: 'all:\n  vars:\n    ntp: pool\n  hosts:\n    bastion:\n  children:\n    k8s:\n      children:\n        masters:\n          hosts:\n            master1:\n              ansible_host: 10.0.0.2\n        workers:\n          hosts:\n            worker[1:2]:\n',
    expect: {
      hostOrder: ['bastion', 'master1', 'worker1', 'worker2'],
      hosts: { master1: { ansible_host: '10.0.0.2' }, worker2: {} },
      groups: { all: { vars: { ntp: 'pool' }, children: ['ungrouped', 'k8s'] }, k8s: { children: ['masters', 'workers'] }, ungrouped: { hosts: ['bastion'] } },
    },
  },
  {
    name: 'top-level groups other than all join all',
    file: 'hosts.yaml',
    text: 'web:\n  hosts:\n    web1:\ndb:\n  hosts:\n    db1:\n',
    expect: { groups: { all: { children: ['ungrouped', 'web', 'db'] } } },
  },
  {
    name: 'YAML typing: yes is a boolean, 0644 octal, quoted stays text',
    file: 'hosts.yml',
    text: "all:\n  hosts:\n    h1:\n      a: yes\n      b: 0644\n      c: '0644'\n      d: 22\n",
    expect: { hosts: { h1: { a: true, b: 420, c: '0644', d: 22 } } },
  },
  {
    name: 'a group defined in two places is one group',
    file: 'hosts.yml',
    text: 'all:\n  children:\n    web:\n      hosts:\n        w1:\n    prod:\n      children:\n        web:\n          hosts:\n            w2:\n',
    expect: { groups: { web: { hosts: ['w1', 'w2'] }, prod: { children: ['web'] }, all: { children: ['ungrouped', 'web', 'prod'] } } },
  },
  {
    name: 'hosts: and children: may be a single name',
    file: 'hosts.yml',
    text: 'web:\n  hosts: web1\nprod:\n  children: web\n',
    expect: { groups: { web: { hosts: ['web1'] }, prod: { children: ['web'] } } },
  },
  {
    name: 'empty groups and empty sections',
    file: 'hosts.yml',
    text: 'all:\n  children:\n    empty:\n    alsoempty:\n      hosts:\n      vars:\n',
    expect: { groups: { empty: { hosts: [] }, alsoempty: { hosts: [], vars: {} } } },
  },
  {
    name: 'ports and letter ranges in YAML keys',
    file: 'hosts.yml',
    text: 'db:\n  hosts:\n    db-[a:b]:2222:\n',
    expect: { hosts: { 'db-a': { ansible_port: 2222 }, 'db-b': { ansible_port: 2222 } } },
  },
  {
    name: 'anchors and aliases in vars',
    file: 'hosts.yml',
    text: 'all:\n  vars:\n    common: &c {x: 1}\n  hosts:\n    h1:\n      copy: *c\n',
    expect: { hosts: { h1: { copy: { x: 1 } } } },
  },
  {
    name: 'JSON is YAML',
    file: 'hosts.json',
    text: '{"all": {"hosts": {"j1": {"a": 1}}, "children": {"g": {"hosts": {"j2": null}}}}}',
    expect: { hosts: { j1: { a: 1 }, j2: {} }, groups: { g: { hosts: ['j2'] } } },
  },
  {
    name: 'an extensionless YAML file is detected',
    file: 'inventory',
    text: 'all:\n  hosts:\n    y1:\n',
    expect: { hostOrder: ['y1'] },
  },
  {
    name: 'an extensionless INI file is detected',
    file: 'inventory',
    text: 'i1 a=1\n[g]\ni2\n',
    expect: { hostOrder: ['i1', 'i2'], hosts: { i1: { a: 1 } } },
  },
  {
    name: 'an empty file is an empty inventory',
    file: 'inventory',
    text: '# nothing yet\n',
    expect: { hostOrder: [] },
  },
];

describe('inventory formats: INI', () => {
  for (const c of ini) {
    it(c.name, async () => check((await loadTree({ [c.file]: c.text }, [c.file])).inventory, c.expect));
  }
});

describe('inventory formats: YAML', () => {
  for (const c of yaml) {
    it(c.name, async () => check((await loadTree({ [c.file]: c.text }, [c.file])).inventory, c.expect));
  }
});

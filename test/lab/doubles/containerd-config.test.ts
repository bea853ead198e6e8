import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../lab/doubles/containerd-config.js';
import { DEFAULT_CONFIG_V2, PACKAGED_CONFIG } from '../../../lab/doubles/containerd-default-config.js';

const V2_TRUE = DEFAULT_CONFIG_V2.replace('SystemdCgroup = false', 'SystemdCgroup = true');
const V3_TABLE = `version = 2\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n  SystemdCgroup = true\n`;

describe('lab containerd config loading (what the daemon runs with)', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'dh-ctr-'));
    process.env.DECKHAND_LAB_ROOT = root;
    await mkdir(join(root, 'etc/containerd'), { recursive: true });
  });
  after(async () => {
    delete process.env.DECKHAND_LAB_ROOT;
    await rm(root, { recursive: true, force: true });
  });

  type Expect = { systemdCgroup: boolean; criEnabled: boolean; criError?: RegExp } | { error: RegExp };
  const cases: Array<[string, string | undefined, Expect]> = [
    ['no config file: built-in defaults', undefined, { systemdCgroup: false, criEnabled: true }],
    ['`containerd config default` unchanged', DEFAULT_CONFIG_V2, { systemdCgroup: false, criEnabled: true }],
    ['default with SystemdCgroup = true', V2_TRUE, { systemdCgroup: true, criEnabled: true }],
    ["containerd.io's packaged file disables CRI", PACKAGED_CONFIG, { systemdCgroup: false, criEnabled: false }],
    ['the 2.x table is ignored by 1.7', V3_TABLE, { systemdCgroup: false, criEnabled: true }],
    ['config version 3 is refused by 1.7', 'version = 3\n', { error: /unsupported config version `3`/ }],
    ['TOML booleans are lower case', V2_TRUE.replace('SystemdCgroup = true', 'SystemdCgroup = True'), { error: /expected value but found "True"/ }],
    ['a key set twice in one table', V2_TRUE.replace('SystemdCgroup = true', 'SystemdCgroup = true\n            SystemdCgroup = false'), { error: /defined twice/ }],
    ['a table declared twice', V2_TRUE.replace('[grpc]', '[grpc]\n[grpc]'), { error: /toml: line \d+: duplicated tables/ }],
    ['legacy systemd_cgroup breaks the CRI plugin', V2_TRUE.replace('systemd_cgroup = false', 'systemd_cgroup = true'), { systemdCgroup: true, criEnabled: true, criError: /only works for runtime io.containerd.runtime.v1.linux/ }],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => {
      const path = join(root, 'etc/containerd/config.toml');
      await rm(path, { force: true });
      if (text !== undefined) await writeFile(path, text);
      const result = loadSettings();
      if ('error' in expected) {
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.error, expected.error);
        return;
      }
      assert.equal(result.ok, true);
      if (!result.ok) return;
      assert.equal(result.settings.systemdCgroup, expected.systemdCgroup);
      assert.equal(result.settings.criEnabled, expected.criEnabled);
      if (expected.criError) assert.match(result.settings.criError ?? '', expected.criError);
      else assert.equal(result.settings.criError, undefined);
    });
  }
});

import assert from 'node:assert/strict';
import { dpkgSelections, parseSelection } from '../../../engine/modules/dpkg-selections.js';
import { fakeConnection } from './support/fake-connection.js';
import { makeCtx, runTask } from './support/harness.js';

describe('modules/dpkg_selections', () => {
  const parse: [string, string, string][] = [
    ['kubelet\t\t\t\t\thold\n', 'kubelet', 'hold'],
    ['kubelet:amd64\tinstall\n', 'kubelet', 'install'],
    ['', 'kubelet', 'not present'],
  ];
  for (const [out, name, want] of parse) it(`parses ${JSON.stringify(out)}`, () => assert.equal(parseSelection(out, name), want));

  const table: [string, string, boolean][] = [
    ['kubelet\tinstall\n', 'hold', true],
    ['kubelet\thold\n', 'hold', false],
    ['kubelet\thold\n', 'install', true],
  ];
  for (const [current, selection, changed] of table) {
    it(`${current.trim()} → ${selection}: changed=${changed}`, async () => {
      const conn = fakeConnection([{ match: ['--get-selections'], result: { stdout: current } }, { match: ['--set-selections'], result: {} }]);
      const r = await runTask(dpkgSelections, { name: 'kubelet', selection }, makeCtx(conn));
      assert.equal(r.result.changed, changed);
      const set = conn.calls.find((c) => c.argv.includes('--set-selections'));
      assert.equal(set?.opts?.stdin, changed ? `kubelet ${selection}\n` : undefined);
    });
  }
});

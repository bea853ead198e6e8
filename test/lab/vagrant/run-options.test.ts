import assert from 'node:assert/strict';
import { parseRunOptions } from '../../../lab/vagrant/run-options.js';

describe('lab runner options', () => {
  const ok = [
    { argv: [], env: {}, want: { provider: 'virtualbox', destroy: false, skipUp: false, help: false } },
    { argv: ['--provider', 'libvirt'], env: {}, want: { provider: 'libvirt', destroy: false, skipUp: false, help: false } },
    { argv: ['--provider=libvirt', '--destroy'], env: {}, want: { provider: 'libvirt', destroy: true, skipUp: false, help: false } },
    { argv: ['--skip-up', '--keep'], env: {}, want: { provider: 'virtualbox', destroy: false, skipUp: true, help: false } },
    { argv: [], env: { VAGRANT_DEFAULT_PROVIDER: 'libvirt' }, want: { provider: 'libvirt', destroy: false, skipUp: false, help: false } },
    { argv: ['--provider', 'virtualbox'], env: { VAGRANT_DEFAULT_PROVIDER: 'libvirt' }, want: { provider: 'virtualbox', destroy: false, skipUp: false, help: false } },
    { argv: ['-h'], env: {}, want: { provider: 'virtualbox', destroy: false, skipUp: false, help: true } },
  ];
  for (const c of ok) {
    it(`accepts ${JSON.stringify(c.argv)} with ${JSON.stringify(c.env)}`, () => {
      assert.deepEqual(parseRunOptions(c.argv, c.env), { ok: true, options: c.want });
    });
  }

  const bad = [
    { argv: ['--keep', '--destroy'], error: /contradict/ },
    { argv: ['--provider', 'hyperv'], error: /unknown provider "hyperv"/ },
    { argv: ['--provision'], error: /--provision/ },
    { argv: ['extra'], error: /extra/ },
  ];
  for (const c of bad) {
    it(`rejects ${JSON.stringify(c.argv)}`, () => {
      const parsed = parseRunOptions(c.argv, {});
      assert.ok(!parsed.ok);
      assert.match(parsed.error, c.error);
    });
  }

  it('rejects an unknown VAGRANT_DEFAULT_PROVIDER rather than guessing', () => {
    const parsed = parseRunOptions([], { VAGRANT_DEFAULT_PROVIDER: 'docker' });
    assert.ok(!parsed.ok);
  });
});

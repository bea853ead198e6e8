// Command-line options of the lab runner (lab/vagrant/run.ts).
import { parseArgs } from 'node:util';
import { isProvider, PROVIDERS, type Provider } from './lab-commands.js';

export interface RunOptions {
  readonly provider: Provider;
  /** Destroy the machines at the end, whatever the result (default: keep them). */
  readonly destroy: boolean;
  /** Use machines that are already running instead of `vagrant up`. */
  readonly skipUp: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run lab:vagrant -- [options]

Brings up the Vagrant lab, writes inventory/vagrant.yml, runs
playbooks/site.yml, checks the cluster and EMQX, runs the playbook again and
requires changed=0 on every host.

Options:
  --provider NAME   ${PROVIDERS.join(' | ')} (default: $VAGRANT_DEFAULT_PROVIDER, else virtualbox)
  --skip-up         use the running machines; do not run vagrant up
  --keep            keep the machines afterwards (the default)
  --destroy         vagrant destroy -f at the end, on success or failure
  -h, --help        show this help

Sizes, box and network come from DECKHAND_* variables (docs/vagrant.md).`;

export type ParsedOptions = { readonly ok: true; readonly options: RunOptions } | { readonly ok: false; readonly error: string };

export function parseRunOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        provider: { type: 'string' },
        'skip-up': { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        destroy: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  if (values.keep && values.destroy) return { ok: false, error: '--keep and --destroy contradict each other' };
  const provider = values.provider ?? (env['VAGRANT_DEFAULT_PROVIDER'] || 'virtualbox');
  if (!isProvider(provider)) {
    return { ok: false, error: `unknown provider "${provider}" (expected ${PROVIDERS.join(' or ')})` };
  }
  return {
    ok: true,
    options: { provider, destroy: values.destroy, skipUp: values['skip-up'], help: values.help },
  };
}

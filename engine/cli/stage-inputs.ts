// `deckhand run` options and the environment, mapped onto what each stage takes: the prepare
// stage's input (with the vault passwords read, which may prompt on the terminal) and the run's
// settings. The only place the run's environment variables are read.
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { PrepareInput } from '../prepare/prepare-run.js';
import type { RunSettings } from '../run/run-settings.js';
import { loadVaultPasswords } from '../vault/index.js';
import type { CliIo } from './io.js';
import type { RunOptions } from './run-options.js';

type Env = CliIo['env'];

export async function prepareInput(opts: RunOptions, io: CliIo): Promise<{ ok: true; input: PrepareInput } | { ok: false; diagnostics: Diagnostic[] }> {
  const vault = await loadVaultPasswords({
    passwordFiles: opts.vaultPasswordFiles,
    vaultIds: opts.vaultIds,
    askVaultPass: opts.askVaultPass,
    cwd: io.cwd,
    env: io.env,
  });
  if (!vault.ok) return { ok: false, diagnostics: [diagnostic('VAULT_PASSWORD', vault.message)] };
  return {
    ok: true,
    input: {
      playbook: opts.playbook,
      inventories: opts.inventories,
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      tags: { only: opts.tags, skip: opts.skipTags },
      ...(opts.startAtTask !== undefined ? { startAtTask: opts.startAtTask } : {}),
      extraVars: opts.extraVars,
      cwd: io.cwd,
      rolesPath: rolesPath(io.env),
      vaultPasswords: vault.passwords,
    },
  };
}

export function runSettings(opts: RunOptions, env: Env): RunSettings {
  const user = env['USER'];
  const hostKeyChecking = env['DECKHAND_HOST_KEY_CHECKING'] ?? env['ANSIBLE_HOST_KEY_CHECKING'];
  return {
    forks: opts.forks,
    check: opts.check,
    diff: opts.diff,
    verbosity: opts.verbosity,
    controller: { ...(user !== undefined ? { user } : {}), ...(hostKeyChecking !== undefined ? { hostKeyChecking } : {}) },
  };
}

function rolesPath(env: Env): string[] {
  return (env['DECKHAND_ROLES_PATH'] ?? env['ANSIBLE_ROLES_PATH'] ?? '').split(':').filter(Boolean);
}

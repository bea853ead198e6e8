// The lab run as a whole: which steps, in which order, and the exit code.
// Kept apart from run.ts (which only reads argv and the environment) so tests
// can drive it with stand-ins for vagrant, deckhand, MQTT and HTTP.
import type { LabContext, LabStep } from './lab-context.js';
import { vagrantDestroy } from './lab-commands.js';
import { tail } from './exec-argv.js';
import { failed, passed } from './lab-context.js';
import type { RunOptions } from './run-options.js';
import { converge, idempotence } from './steps-playbook.js';
import { inventory, knownHosts, preflight, running, sshConfig, up } from './steps-setup.js';
import { dashboardStatus, emqxPods, mqtt, nodes } from './steps-verify.js';
import { formatSummary, runSteps, type StepOutcome } from './step-runner.js';

export const destroy: LabStep = {
  name: 'destroy',
  gate: false,
  async run(ctx) {
    const result = await ctx.exec(vagrantDestroy(), { live: true, timeoutMs: 20 * 60_000 });
    return result.ok ? passed() : failed({ message: `vagrant destroy -f failed (${result.reason})\n${tail(result)}` });
  },
};

export function labSteps(options: Pick<RunOptions, 'skipUp' | 'destroy'>): { steps: LabStep[]; always: LabStep[] } {
  return {
    steps: [
      preflight,
      options.skipUp ? running : up,
      sshConfig,
      knownHosts,
      inventory,
      converge,
      nodes,
      emqxPods,
      mqtt,
      dashboardStatus,
      idempotence,
    ],
    always: options.destroy ? [destroy] : [],
  };
}

export interface LabRun {
  readonly outcomes: readonly StepOutcome[];
  readonly exitCode: 0 | 1;
}

export async function runLab(options: RunOptions, ctx: LabContext): Promise<LabRun> {
  const { steps, always } = labSteps(options);
  const outcomes = await runSteps(steps, always, ctx);
  ctx.log('');
  for (const line of formatSummary(outcomes)) ctx.log(line);
  const started = outcomes.some((o) => (o.name === 'up' || o.name === 'status') && o.status !== 'skipped');
  if (started && !options.destroy) ctx.log('The machines are kept: `vagrant destroy -f` removes them.');
  return { outcomes, exitCode: outcomes.some((o) => o.status === 'failed') ? 1 : 0 };
}

// Entry point of the Vagrant lab: `npm run lab:vagrant -- [options]`
// (node dist/lab/vagrant/run.js). Reads argv and the environment; everything
// else lives in lab-run.ts and the step files.
import { createExec } from './exec-argv.js';
import { httpStatus } from './http-status.js';
import { DEFAULT_TIMINGS } from './lab-context.js';
import { labLayout, LabLayoutError, type LabLayout } from './lab-layout.js';
import { runLab } from './lab-run.js';
import { mqttRoundTrip } from '../../engine/verify/mqtt-roundtrip.js';
import { repoRoot } from './repo-root.js';
import { parseRunOptions, USAGE } from './run-options.js';

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseRunOptions(argv, process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let layout: LabLayout;
  try {
    layout = labLayout(process.env);
  } catch (err) {
    if (!(err instanceof LabLayoutError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  const { exitCode } = await runLab(parsed.options, {
    root: repoRoot,
    layout,
    provider: parsed.options.provider,
    exec: createExec(repoRoot),
    mqttRoundTrip,
    httpStatus,
    log: (line) => process.stdout.write(`${line}\n`),
    timings: DEFAULT_TIMINGS,
    state: { sshConfig: [], inventoryVars: {} },
  });
  return exitCode;
}

process.exitCode = await main(process.argv.slice(2));

// Runs playbooks/site.yml with deckhand and judges the JSON report: the first
// run must converge, the second must change nothing.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tail } from './exec-argv.js';
import { failed, passed, type LabContext, type LabStep, type StepResult } from './lab-context.js';
import { deckhandRun } from './lab-commands.js';
import { checkConverged, checkIdempotent, parseReport, type ReportProblem, type RunReport } from './run-report.js';
import { INVENTORY_FILE } from './steps-setup.js';

export const reportFile = (label: string): string => `.vagrant/deckhand-report-${label}.json`;

type Judge = (report: RunReport, hosts: readonly string[]) => ReportProblem[];

async function runPlaybook(ctx: LabContext, label: string, judge: Judge): Promise<StepResult> {
  const report = reportFile(label);
  const reportPath = join(ctx.root, report);
  // A report left by an earlier run must not pass for this one.
  await rm(reportPath, { force: true });
  await mkdir(dirname(reportPath), { recursive: true });
  const argv = deckhandRun({ node: process.execPath, inventory: INVENTORY_FILE, report });
  const result = await ctx.exec(argv, { live: true, timeoutMs: 60 * 60_000 });
  if (!existsSync(reportPath)) {
    return failed({ message: `deckhand wrote no report (${result.reason || 'exit code 0'})\n${tail(result)}` });
  }
  const parsed = parseReport(await readFile(reportPath, 'utf8'));
  if (!parsed.ok) return failed({ message: `${report}: ${parsed.error}` });
  const problems = judge(parsed.report, ctx.layout.hosts.map((h) => h.name));
  if (problems.length > 0) return failed(...problems);
  if (!result.ok) return failed({ message: `deckhand failed (${result.reason}) though its report shows no failure\n${tail(result)}` });
  return passed(`report in ${report}`);
}

export const converge: LabStep = {
  name: 'converge',
  gate: true,
  run: (ctx) => runPlaybook(ctx, 'converge', checkConverged),
};

export const idempotence: LabStep = {
  name: 'idempotence',
  gate: false,
  run: (ctx) => runPlaybook(ctx, 'idempotence', checkIdempotent),
};

// Runs `deckhand run` in-process against a lab and returns the exit code, output and report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../engine/cli/main.js';
import type { HostStats } from '../../../engine/report/events.js';
import { captureIo } from '../../support/capture-io.js';

export interface RunOutput {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly stats: Record<string, HostStats>;
  readonly results: { task: string; host: string; status: string; changed: boolean; msg?: string }[];
}

/** Writes `playbook` (YAML text) to a temp dir and runs it with the given inventory and options. */
export async function runPlaybook(playbook: string, inventory: string, extra: readonly string[] = [], files: Readonly<Record<string, string>> = {}): Promise<RunOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-run-'));
  const pb = join(dir, 'playbook.yml');
  writeFileSync(pb, playbook);
  // Files beside the playbook (template and copy sources resolve there).
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return runPlaybookFile(pb, inventory, extra);
}

/** Runs a playbook file where it is (so its roles/ and group_vars/ are found). */
export async function runPlaybookFile(pb: string, inventory: string, extra: readonly string[] = []): Promise<RunOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-run-'));
  const report = join(dir, 'report.json');
  const io = captureIo(dir);
  const code = await main(['run', pb, '-i', inventory, '--report', report, ...extra], io);
  const { out, err } = io.text();
  let doc: { stats: Record<string, HostStats>; results: RunOutput['results'] } = { stats: {}, results: [] };
  try {
    doc = JSON.parse(readFileSync(report, 'utf8')) as typeof doc;
  } catch {
    // No report: the run stopped before executing (invalid input); callers look at `code`.
  }
  return { code, out, err, stats: doc.stats, results: doc.results };
}

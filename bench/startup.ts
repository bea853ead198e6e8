// Start-up cost a user feels on every invocation: `deckhand --version` and a syntax check of the
// project's own site.yml. Median of several spawned runs; no lab needed.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { measure, median } from './measure.js';

export interface StartupResult {
  readonly name: string;
  readonly argv: readonly string[];
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const deckhand = join(root, 'bin/deckhand.js');

// Node itself, doing nothing, is the baseline the other two cannot beat.
export const STARTUP_COMMANDS: readonly { name: string; argv: readonly string[] }[] = [
  { name: 'node -e 0 (baseline)', argv: ['-e', '0'] },
  { name: 'deckhand --version', argv: [deckhand, '--version'] },
  { name: 'deckhand run site.yml --syntax-check', argv: [deckhand, 'run', 'playbooks/site.yml', '--syntax-check', '-i', 'inventory/example.yml'] },
];

export async function measureStartup(runs: number): Promise<StartupResult[]> {
  const out: StartupResult[] = [];
  for (const c of STARTUP_COMMANDS) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const m = await measure({ command: process.execPath, args: c.argv, cwd: root, timeoutMs: 60_000 });
      if (m.exitCode !== 0) throw new Error(`${c.name} exited ${String(m.exitCode)}: ${m.stderr.slice(-2000)}`);
      samples.push(m.wallS * 1000);
    }
    out.push({ name: c.name, argv: c.argv, medianMs: median(samples), samplesMs: samples });
  }
  return out;
}

// The whole benchmark: start-up times, then one lab holding every host needed, the comparison
// (deckhand, ansible-playbook, the floor with and without a barrier per task) on the first N hosts and, with --scale, deckhand alone on
// growing host counts. Every run checks that it changed exactly what it should have.
import { cpus, loadavg, release } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabInfo } from '../lab/lab.js';
import { findOnPath } from '../lab/preflight.js';
import { withLab } from './lab-session.js';
import { rssMethod } from './measure.js';
import { SCALE_HOSTS, type BenchOptions } from './options.js';
import { ratios, type BenchResults, type ScaleRow } from './results.js';
import { changedMismatches, measureTool, runPair, summarizePairs, type Sample, type Series, type SeriesSetup } from './series.js';
import { measureStartup, type StartupResult } from './startup.js';
import type { Tool } from './tools.js';

export async function runBench(o: BenchOptions, log: (line: string) => void): Promise<BenchResults> {
  const loadStart = loadavg();
  const notes: string[] = [];
  if (o.cpuProfDir) notes.push(`deckhand ran under --cpu-prof (profiles in ${o.cpuProfDir}): its times are inflated`);
  if (rssMethod === 'poll') notes.push('GNU time (/usr/bin/time, Debian package `time`) not found: peak RSS polled from /proc every 20 ms');
  const withAnsible = !o.skipAnsible && findOnPath('ansible-playbook');
  if (!o.skipAnsible && !withAnsible) notes.push('ansible-playbook not installed: skipped (Debian package `ansible`)');

  let startup: StartupResult[] = [];
  if (!o.skipStartup) {
    log('start-up times');
    startup = await measureStartup(o.startupRuns);
  }
  const labHosts = o.scale ? Math.max(o.hosts, ...SCALE_HOSTS) : o.hosts;
  const workDir = await mkdtemp(join(tmpdir(), 'deckhand-bench-'));
  const stamp = Date.now().toString(36);
  try {
    const { comparison, scale } = await withLab(o.labName, labHosts, log, async (lab) => {
      const setup = (n: number, forks: number): SeriesSetup => ({ lab, hosts: lab.hosts.slice(0, n), tasks: o.tasks, forks, workDir, stamp, cpuProfDir: o.cpuProfDir });
      const comparison = await compare(setup(o.hosts, o.forks), o.repeat, withAnsible, log);
      const scale = o.scale ? await scaleSeries(lab, setup, o.repeat, log) : [];
      return { comparison, scale };
    });
    const all = [...comparison, ...scale.flatMap((s) => [s.first, s.second])];
    const wrong = changedMismatches(all);
    if (wrong.length > 0) throw new Error(`wrong changed counts:\n  ${wrong.join('\n  ')}`);
    return {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, kernel: `Linux ${release()}`, loadStart, loadEnd: loadavg(), rssMethod },
      config: { hosts: o.hosts, tasks: o.tasks, forks: o.forks, repeat: o.repeat },
      comparison,
      ratios: ratios(comparison),
      scale,
      startup,
      notes,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function compare(s: SeriesSetup, repeat: number, withAnsible: boolean, log: (line: string) => void): Promise<Series[]> {
  log(`comparison: ${s.hosts.length} hosts × ${s.tasks} tasks`);
  const out: Series[] = [];
  // Ansible first and once: it takes a minute where the others take seconds.
  if (withAnsible) out.push(...(await measureTool('ansible', s, 1, log)));
  // The fast tools alternate, so a change in machine load hits them alike.
  const fast = ['deckhand', 'floor', 'floor-linear'] as const;
  const pairs = new Map<Tool, [Sample, Sample][]>(fast.map((t) => [t, []]));
  for (let r = 0; r < repeat; r++) {
    for (const tool of fast) pairs.get(tool)?.push(await runPair(tool, s, log));
  }
  for (const tool of fast) out.push(...summarizePairs(tool, s, pairs.get(tool) ?? []));
  return order(out);
}

async function scaleSeries(lab: LabInfo, setup: (n: number, forks: number) => SeriesSetup, repeat: number, log: (line: string) => void): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const n of SCALE_HOSTS) {
    if (n > lab.hosts.length) break;
    log(`scale: ${n} hosts`);
    const s = setup(n, n);
    const [first, second] = await measureTool('deckhand', s, repeat, log);
    rows.push({ hosts: n, first, second, sPerHostTask: first.wallS / (n * s.tasks), sPerHostTaskSecond: second.wallS / (n * s.tasks) });
  }
  return rows;
}

const TOOL_ORDER: readonly Tool[] = ['deckhand', 'ansible', 'floor', 'floor-linear'];

function order(series: Series[]): Series[] {
  return [...series].sort((a, b) => TOOL_ORDER.indexOf(a.tool) - TOOL_ORDER.indexOf(b.tool) || (a.run === b.run ? 0 : a.run === 'first' ? -1 : 1));
}

// Measured series: a tool's first run (everything changes) and second run (nothing changes) on
// a fresh remote folder, repeated; the median stands for the series.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { LabHost, LabInfo } from '../lab/lab.js';
import { median } from './measure.js';
import { prepare, runTool, type Tool } from './tools.js';
import { dirTasks } from './workload.js';

export type RunKind = 'first' | 'second';

export interface Sample {
  readonly wallS: number;
  readonly peakRssMb: number | undefined;
  readonly cpuS: number | undefined;
  readonly changed: number;
  /** 1-minute load average when the run started. */
  readonly load1: number;
}

export interface Series {
  readonly tool: Tool;
  readonly hosts: number;
  readonly tasks: number;
  readonly run: RunKind;
  readonly wallS: number;
  readonly peakRssMb: number | undefined;
  /** Median controller CPU seconds (user + system). */
  readonly cpuS: number | undefined;
  readonly expectedChanged: number;
  readonly samples: readonly Sample[];
}

export interface SeriesSetup {
  readonly lab: LabInfo;
  readonly hosts: readonly LabHost[];
  readonly tasks: number;
  readonly forks: number;
  /** Local folder for playbooks, inventories and reports. */
  readonly workDir: string;
  /** Makes remote folder names unique across invocations. */
  readonly stamp: string;
  readonly cpuProfDir?: string | undefined;
}

let counter = 0;

/** One first run and one second run on a fresh remote folder. */
export async function runPair(tool: Tool, s: SeriesSetup, log: (line: string) => void): Promise<[Sample, Sample]> {
  const id = `${s.stamp}-${tool}-${s.hosts.length}h-${counter++}`;
  const p = await prepare({ ...s, dir: join(s.workDir, id) }, { root: `/tmp/bench-${id}`, tasks: s.tasks });
  const out: Sample[] = [];
  for (const kind of ['first', 'second'] as const) {
    const load1 = loadavg()[0] ?? 0;
    const t = await runTool(tool, p, kind);
    out.push({ ...t, load1 });
    log(`  ${tool.padEnd(12)} ${String(s.hosts.length).padStart(3)} hosts  ${kind.padEnd(6)} ${t.wallS.toFixed(2)} s  ${t.peakRssMb?.toFixed(0) ?? '?'} MB  cpu ${t.cpuS?.toFixed(2) ?? '?'} s  changed=${t.changed}  load ${load1.toFixed(2)}`);
  }
  const [first, second] = out;
  if (!first || !second) throw new Error('unreachable: two runs were made');
  return [first, second];
}

/** `repeat` pairs of one tool; returns [first, second]. */
export async function measureTool(tool: Tool, s: SeriesSetup, repeat: number, log: (line: string) => void): Promise<[Series, Series]> {
  const pairs: [Sample, Sample][] = [];
  for (let r = 0; r < repeat; r++) pairs.push(await runPair(tool, s, log));
  return summarizePairs(tool, s, pairs);
}

export function summarizePairs(tool: Tool, s: SeriesSetup, pairs: readonly [Sample, Sample][]): [Series, Series] {
  const expected = s.hosts.length * dirTasks(s.tasks);
  return [summarize(tool, s, 'first', pairs.map((p) => p[0]), expected), summarize(tool, s, 'second', pairs.map((p) => p[1]), 0)];
}

function summarize(tool: Tool, s: SeriesSetup, run: RunKind, samples: Sample[], expectedChanged: number): Series {
  const rss = samples.map((x) => x.peakRssMb).filter((x): x is number => x !== undefined);
  const cpu = samples.map((x) => x.cpuS).filter((x): x is number => x !== undefined);
  return {
    tool,
    hosts: s.hosts.length,
    tasks: s.tasks,
    run,
    wallS: median(samples.map((x) => x.wallS)),
    // The worst case is what a user must provision for.
    peakRssMb: rss.length ? Math.max(...rss) : undefined,
    cpuS: cpu.length ? median(cpu) : undefined,
    expectedChanged,
    samples,
  };
}

/** Every sample changed exactly what it should have. */
export function changedMismatches(series: readonly Series[]): string[] {
  const out: string[] = [];
  for (const s of series) {
    for (const x of s.samples) {
      if (x.changed !== s.expectedChanged) out.push(`${s.tool} ${s.hosts} hosts ${s.run} run: changed=${x.changed}, expected ${s.expectedChanged}`);
    }
  }
  return out;
}

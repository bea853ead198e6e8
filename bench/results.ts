// The results document (bench/results/latest.json) and its text rendering: the table, the
// ratios, the scale series and the start-up times.
import type { Series } from './series.js';
import type { StartupResult } from './startup.js';
import type { Tool } from './tools.js';

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly node: string;
  readonly kernel: string;
  /** os.loadavg() when the benchmark started and when it ended. */
  readonly loadStart: readonly number[];
  readonly loadEnd: readonly number[];
  readonly rssMethod: string;
}

export interface Ratios {
  /** ansible wall / deckhand wall: how many times faster deckhand is. */
  readonly ansibleOverDeckhand?: { readonly first: number; readonly second: number };
  /** deckhand wall / floor wall: how far deckhand is above the floor. */
  readonly deckhandOverFloor: { readonly first: number; readonly second: number };
  /** deckhand wall / linear floor wall: the engine's cost beyond the linear strategy's. */
  readonly deckhandOverLinearFloor?: { readonly first: number; readonly second: number };
}

export interface ScaleRow {
  readonly hosts: number;
  readonly first: Series;
  readonly second: Series;
  /** Wall seconds / (hosts × tasks), first run. */
  readonly sPerHostTask: number;
  readonly sPerHostTaskSecond: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: Machine;
  readonly config: { readonly hosts: number; readonly tasks: number; readonly forks: number; readonly repeat: number };
  readonly comparison: readonly Series[];
  readonly ratios: Ratios;
  readonly scale: readonly ScaleRow[];
  readonly startup: readonly StartupResult[];
  readonly notes: readonly string[];
}

export function ratios(series: readonly Series[]): Ratios {
  const wall = (tool: Tool, run: 'first' | 'second'): number | undefined => series.find((s) => s.tool === tool && s.run === run)?.wallS;
  const pair = (num: Tool, den: Tool): { first: number; second: number } | undefined => {
    const [a1, b1, a2, b2] = [wall(num, 'first'), wall(den, 'first'), wall(num, 'second'), wall(den, 'second')];
    return a1 && b1 && a2 && b2 ? { first: a1 / b1, second: a2 / b2 } : undefined;
  };
  const overAnsible = pair('ansible', 'deckhand');
  const overLinear = pair('deckhand', 'floor-linear');
  return {
    ...(overAnsible ? { ansibleOverDeckhand: overAnsible } : {}),
    deckhandOverFloor: pair('deckhand', 'floor') ?? { first: NaN, second: NaN },
    ...(overLinear ? { deckhandOverLinearFloor: overLinear } : {}),
  };
}

const TOOL_NAMES: Record<Tool, string> = { deckhand: 'deckhand', ansible: 'ansible (pipelined)', floor: 'floor (bare ssh2)', 'floor-linear': 'floor, barrier per task' };

export function renderText(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`machine: ${m.cores} cores (${m.cpu}), ${m.kernel}, node ${m.node}`);
  lines.push(`load average: ${fmtLoad(m.loadStart)} at start, ${fmtLoad(m.loadEnd)} at end; peak RSS via ${m.rssMethod}`);
  lines.push(`workload: ${r.config.hosts} hosts × ${r.config.tasks} tasks, forks ${r.config.forks}, median of ${r.config.repeat} (ansible: 1)`);
  lines.push('');
  lines.push(table(['tool', 'run', 'wall s', 'peak RSS MB', 'CPU s', 'changed'], r.comparison.map((s) => [TOOL_NAMES[s.tool], s.run, s.wallS.toFixed(2), fmtMb(s.peakRssMb), s.cpuS?.toFixed(2) ?? '?', String(s.samples[0]?.changed ?? '')])));
  lines.push('');
  const a = r.ratios.ansibleOverDeckhand;
  if (a) lines.push(`deckhand / ansible: ${(1 / a.first).toFixed(3)} first run, ${(1 / a.second).toFixed(3)} second run (deckhand ${a.first.toFixed(1)}× and ${a.second.toFixed(1)}× faster)`);
  const f = r.ratios.deckhandOverFloor;
  lines.push(`deckhand / floor:   ${f.first.toFixed(2)} first run, ${f.second.toFixed(2)} second run`);
  const l = r.ratios.deckhandOverLinearFloor;
  if (l) lines.push(`deckhand / floor with a barrier per task: ${l.first.toFixed(2)} first run, ${l.second.toFixed(2)} second run`);
  if (r.scale.length > 0) {
    lines.push('');
    lines.push(`scale: deckhand, ${r.config.tasks} tasks, forks = hosts`);
    lines.push(
      table(
        ['hosts', 'first s', 'second s', 's/host-task (1st)', 's/host-task (2nd)', 'CPU s (1st)', 'peak RSS MB'],
        r.scale.map((s) => [String(s.hosts), s.first.wallS.toFixed(2), s.second.wallS.toFixed(2), s.sPerHostTask.toFixed(4), s.sPerHostTaskSecond.toFixed(4), s.first.cpuS?.toFixed(2) ?? '?', fmtMb(maxOf(s.first.peakRssMb, s.second.peakRssMb))]),
      ),
    );
  }
  if (r.startup.length > 0) {
    lines.push('');
    for (const s of r.startup) lines.push(`${s.name.padEnd(40)} ${s.medianMs.toFixed(0)} ms (median of ${s.samplesMs.length})`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

function fmtMb(mb: number | undefined): string {
  return mb === undefined ? '?' : mb.toFixed(0);
}

function fmtLoad(l: readonly number[]): string {
  return l.map((x) => x.toFixed(2)).join(' ');
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

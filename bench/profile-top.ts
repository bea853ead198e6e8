// Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints where the time went: the hottest
// functions by self time, and self time summed per source file or package.
//   node dist/bench/profile-top.js FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Hot {
  readonly name: string;
  readonly ms: number;
}

export function selfTimes(p: Profile): { byFunction: Hot[]; byFile: Hot[]; inclusive: Hot[]; totalMs: number } {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const n of p.nodes) {
    const ms = self.get(n.id) ?? 0;
    if (ms === 0) continue;
    const where = shortUrl(n.callFrame.url);
    byFn.set(label(n.callFrame), (byFn.get(label(n.callFrame)) ?? 0) + ms);
    byFile.set(where || n.callFrame.functionName, (byFile.get(where || n.callFrame.functionName) ?? 0) + ms);
    // Inclusive: every distinct function on this node's stack gets its time once.
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)?.callFrame;
      if (f) seen.add(label(f));
    }
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>): Hot[] => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { byFunction: sorted(byFn), byFile: sorted(byFile), inclusive: sorted(incl), totalMs: (p.endTime - p.startTime) / 1000 };
}

function label(f: CallFrame): string {
  return `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
}

/** node_modules/PKG/… → PKG; the project's dist/… → its path; node internals as they are. */
function shortUrl(url: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1]) return `[${nm[1]}]`;
  const dist = /\/dist\/(.*)$/.exec(url);
  return dist?.[1] ?? url.replace(/^file:\/\//, '');
}

function main(): void {
  const [file, nRaw] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-top FILE.cpuprofile [N]');
  const n = Number(nRaw ?? 25);
  const r = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const row = (h: Hot): string => `${h.ms.toFixed(1).padStart(9)} ms  ${((h.ms / r.totalMs) * 100).toFixed(1).padStart(5)}%  ${h.name}`;
  process.stdout.write(`profile: ${r.totalMs.toFixed(0)} ms\n\nby function (self time):\n${r.byFunction.slice(0, n).map(row).join('\n')}\n`);
  process.stdout.write(`\ninclusive (self + callees), project and packages:\n${r.inclusive.filter((h) => /engine\/|bench\/|\[/.test(h.name)).slice(0, n).map(row).join('\n')}\n`);
  process.stdout.write(`\nby file or package (self time):\n${r.byFile.slice(0, n).map(row).join('\n')}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) main();

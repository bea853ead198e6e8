// Unified diffs for --diff: a small line-based LCS, enough for config files.
import type { FileDiff } from '../modules/types.js';

const MAX_LINES = 5000;

export function renderDiff(d: FileDiff): string {
  // A final newline ends the last line; it is not an extra empty line.
  const lines = (t: string): string[] => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  const a = lines(d.before);
  const b = lines(d.after);
  const head = `--- before: ${d.path}\n+++ after: ${d.path}`;
  if (a.length > MAX_LINES || b.length > MAX_LINES) return `${head}\n(diff of ${a.length} → ${b.length} lines not shown)`;
  return `${head}\n${hunks(a, b).join('\n')}`;
}

function hunks(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] ?? [];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(` ${a[i]}`);
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      // Removals before additions, as unified diffs show them.
      out.push(`-${a[i]}`);
      i++;
    } else {
      out.push(`+${b[j]}`);
      j++;
    }
  }
  return out;
}

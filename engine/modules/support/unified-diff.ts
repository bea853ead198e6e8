// Unified diff of two texts (Myers' O(ND) line diff), for showing a FileDiff with --diff.

type Edit = { readonly op: ' ' | '-' | '+'; readonly line: string };

function splitKeep(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the trace backwards to recover the edit script.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: ' ', line: a[x] ?? '' });
    }
    if (d > 0) {
      if (down) edits.push({ op: '+', line: b[--y] ?? '' });
      else edits.push({ op: '-', line: a[--x] ?? '' });
    }
  }
  return edits.reverse();
}

/** `--- before` / `+++ after` hunks with `context` lines around each change; '' when equal. */
export function unifiedDiff(before: string, after: string, path = '', context = 3): string {
  if (before === after) return '';
  const edits = diffLines(splitKeep(before), splitKeep(after));
  const out: string[] = [`--- before${path === '' ? '' : `: ${path}`}`, `+++ after${path === '' ? '' : `: ${path}`}`];
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && edits[i]?.op === ' ') i++;
    if (i >= edits.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < edits.length && edits[end]?.op !== ' ') end++;
      let gap = end;
      while (gap < edits.length && edits[gap]?.op === ' ') gap++;
      if (gap < edits.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      if (edits[j]?.op !== '+') aLine++;
      if (edits[j]?.op !== '-') bLine++;
    }
    const hunk = edits.slice(start, end);
    const aLen = hunk.filter((e) => e.op !== '+').length;
    const bLen = hunk.filter((e) => e.op !== '-').length;
    out.push(`@@ -${aLen === 0 ? aLine - 1 : aLine},${aLen} +${bLen === 0 ? bLine - 1 : bLine},${bLen} @@`);
    for (const e of hunk) out.push(`${e.op}${e.line}`);
    i = end;
  }
  return `${out.join('\n')}\n`;
}

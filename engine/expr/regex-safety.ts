// Rejects the classic shape of catastrophic backtracking: a repeated group
// whose body itself ends in unbounded repetition, such as (a+)+, (\w+\s*)*
// or (x|y+){2,}. On a near-miss input those take exponential time. This is a
// heuristic for the common case, not a proof of safety; the length caps in
// regex.ts bound the rest.

interface Frame {
  /** Some earlier `|` branch of this group ended in unbounded repetition. */
  anyBranchRepeated: boolean;
  /** The item just read in this group is under unbounded repetition. */
  lastRepeated: boolean;
}

const UNBOUNDED_BRACES = /^\{\d*,\}/;

/** The offset of a nested unbounded repetition in `pattern`, or -1. */
export function findNestedRepetition(pattern: string): number {
  const stack: Frame[] = [{ anyBranchRepeated: false, lastRepeated: false }];
  let closedRepeated = false; // the group that just closed ended in repetition
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    const frame = stack[stack.length - 1];
    if (frame === undefined) return -1;
    const unbounded = ch === '*' || ch === '+' ? 1 : ch === '{' ? (UNBOUNDED_BRACES.exec(pattern.slice(i))?.[0].length ?? 0) : 0;
    if (unbounded > 0) {
      if (closedRepeated) return i;
      frame.lastRepeated = true;
      i += unbounded - 1;
      continue;
    }
    if (ch === '?' || ch === '{') continue; // optional or bounded: leaves the state as it is
    closedRepeated = false;
    if (ch === '\\') {
      i++;
      frame.lastRepeated = false;
    } else if (ch === '[') {
      i = classEnd(pattern, i);
      frame.lastRepeated = false;
    } else if (ch === '(') {
      stack.push({ anyBranchRepeated: false, lastRepeated: false });
    } else if (ch === '|') {
      frame.anyBranchRepeated ||= frame.lastRepeated;
      frame.lastRepeated = false;
    } else if (ch === ')' && stack.length > 1) {
      stack.pop();
      closedRepeated = frame.anyBranchRepeated || frame.lastRepeated;
      // A group ending in repetition makes its parent end in repetition too: ((a+))+.
      const parent = stack[stack.length - 1];
      if (parent) parent.lastRepeated = closedRepeated;
    } else {
      frame.lastRepeated = false;
    }
  }
  return -1;
}

// Index of the `]` closing the class opened at `open` (a leading `]` or `^]` is literal).
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern.charAt(i) === '^') i++;
  if (pattern.charAt(i) === ']') i++;
  for (; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\') i++;
    else if (ch === ']') return i;
  }
  return pattern.length;
}

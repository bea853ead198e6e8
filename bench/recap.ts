// Reads the PLAY RECAP that deckhand and ansible-playbook print last: the bench counts changed
// tasks from it, and the compatibility tests compare the two tools' counts.

/** Counts by host, then by state (ok, changed, unreachable, failed, skipped, rescued, ignored). */
export type Recap = Record<string, Record<string, number>>;

/** `host : ok=3 changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0` lines. */
export function parseRecap(stdout: string): Recap {
  const out: Recap = {};
  const section = stdout.slice(stdout.lastIndexOf('PLAY RECAP'));
  for (const line of section.split('\n').slice(1)) {
    const m = /^(\S+)\s+:\s+(.*)$/.exec(line.trim());
    if (!m?.[1] || !m[2]) continue;
    const counts: Record<string, number> = {};
    for (const kv of m[2].trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      if (k && v !== undefined) counts[k] = Number(v);
    }
    out[m[1]] = counts;
  }
  return out;
}

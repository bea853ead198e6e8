// Counts the machine's processes running `sleep ARG` (ARG unique per test case), so tests can
// prove a command was started, or killed, without racing on pids.
import { readdirSync, readFileSync } from 'node:fs';

export function localSleeps(arg: string): number {
  let n = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8') === `sleep\0${arg}\0`) n++;
    } catch {
      // the process ended while we looked
    }
  }
  return n;
}

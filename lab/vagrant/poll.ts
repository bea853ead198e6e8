// Retries a check until it passes or a deadline passes: nodes and pods take a
// while to settle after the playbook returns. The last problems are returned so
// the failure says what was still wrong.

export type Attempt<P> = { readonly done: true } | { readonly done: false; readonly problems: readonly P[] };

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function pollUntil<P>(attempt: () => Promise<Attempt<P>>, opts: PollOptions): Promise<{ ok: true; tries: number } | { ok: false; tries: number; problems: readonly P[] }> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const endsAt = now() + opts.timeoutMs;
  for (let tries = 1; ; tries++) {
    const result = await attempt();
    if (result.done) return { ok: true, tries };
    if (now() + opts.intervalMs > endsAt) return { ok: false, tries, problems: result.problems };
    await sleep(opts.intervalMs);
  }
}

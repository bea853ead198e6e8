// Cancellation for Ctrl-C: the first request stops new work and wakes sleepers (pause, retries,
// wait_for); running commands get a bounded grace period before the run gives up on them.
export class Cancel {
  private requestedAt: number | undefined;
  private readonly wakers = new Set<() => void>();

  get requested(): boolean {
    return this.requestedAt !== undefined;
  }

  private resolveRequested: (() => void) | undefined;
  private readonly requestedPromise = new Promise<void>((r) => {
    this.resolveRequested = r;
  });

  request(): void {
    if (this.requestedAt !== undefined) return;
    this.requestedAt = Date.now();
    this.resolveRequested?.();
    for (const w of this.wakers) w();
    this.wakers.clear();
  }

  /** Settles when cancellation is requested; never, otherwise (holds no timer). */
  whenRequested(): Promise<void> {
    return this.requestedPromise;
  }

  sleep(ms: number): Promise<void> {
    if (this.requested || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}

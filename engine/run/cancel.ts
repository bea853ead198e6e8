// Cancellation for Ctrl-C: the first request stops new work and wakes sleepers (pause, retries,
// wait_for); running commands get a bounded grace period before the run gives up on them.
/** Thrown out of a module's sleep after Ctrl-C, so a polling module stops instead of spinning. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted (Ctrl-C)');
    this.name = 'Interrupted';
  }
}

export class Cancel {
  private requestedAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  get requested(): boolean {
    return this.requestedAt !== undefined;
  }

  request(): void {
    if (this.requestedAt !== undefined) return;
    this.requestedAt = Date.now();
    const all = [...this.listeners];
    this.listeners.clear();
    for (const l of all) l();
  }

  /** Calls `fn` once when cancellation is requested (at once if it already was). Returns an unsubscribe. */
  onRequest(fn: () => void): () => void {
    if (this.requested) {
      fn();
      return () => undefined;
    }
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Like sleep, but throws Interrupted once cancellation is requested (for modules). */
  async interruptibleSleep(ms: number): Promise<void> {
    await this.sleep(ms);
    if (this.requested) throw new Interrupted();
  }

  sleep(ms: number): Promise<void> {
    if (this.requested || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        off();
        resolve();
      };
      const t = setTimeout(done, ms);
      const off = this.onRequest(done);
    });
  }
}

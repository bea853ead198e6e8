// Cancellation, given to a run by its caller (the CLI maps Ctrl-C onto it). request(): no new
// work starts and sleepers (pause, retries, wait_for) wake; running commands get a bounded grace
// period before the run gives up on them. abort(): running commands are killed now.
/** Thrown out of a module's sleep after Ctrl-C, so a polling module stops instead of spinning. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted (Ctrl-C)');
    this.name = 'Interrupted';
  }
}

export class Cancel {
  private requestedAt: number | undefined;
  private abortedAt: number | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly abortListeners = new Set<() => void>();

  get requested(): boolean {
    return this.requestedAt !== undefined;
  }

  get aborted(): boolean {
    return this.abortedAt !== undefined;
  }

  request(): void {
    if (this.requestedAt !== undefined) return;
    this.requestedAt = Date.now();
    fire(this.listeners);
  }

  /** Stop at once: implies request(); whoever runs commands kills them. */
  abort(): void {
    this.request();
    if (this.abortedAt !== undefined) return;
    this.abortedAt = Date.now();
    fire(this.abortListeners);
  }

  /** Calls `fn` once when cancellation is requested (at once if it already was). Returns an unsubscribe. */
  onRequest(fn: () => void): () => void {
    return subscribe(this.listeners, this.requested, fn);
  }

  /** Calls `fn` once on abort (at once if it already happened). Returns an unsubscribe. */
  onAbort(fn: () => void): () => void {
    return subscribe(this.abortListeners, this.aborted, fn);
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

function fire(listeners: Set<() => void>): void {
  const all = [...listeners];
  listeners.clear();
  for (const l of all) l();
}

function subscribe(listeners: Set<() => void>, already: boolean, fn: () => void): () => void {
  if (already) {
    fn();
    return () => undefined;
  }
  listeners.add(fn);
  return () => listeners.delete(fn);
}

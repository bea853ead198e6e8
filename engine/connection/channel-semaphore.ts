// Caps the channels open at once on one SSH connection. sshd refuses the
// session past its MaxSessions (default 10) with "open failed", and p-limit on
// hosts does not see channels. The limit can be lowered at run time when a
// server turns out to allow fewer sessions than configured.

export class ChannelSemaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new TypeError(`maxChannels must be a positive integer, got ${String(limit)}`);
  }

  get inUse(): number {
    return this.active;
  }

  get capacity(): number {
    return this.limit;
  }

  /** Resolves with a release function once a slot is free. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const take = (): void => {
        this.active++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active--;
          this.wake();
        });
      };
      if (this.active < this.limit) take();
      else this.waiters.push(take);
    });
  }

  /** Lowers the limit (never below 1); callers already inside keep their slots. */
  lower(to: number): void {
    this.limit = Math.max(1, Math.min(this.limit, to));
  }

  private wake(): void {
    while (this.active < this.limit) {
      const next = this.waiters.shift();
      if (next === undefined) return;
      next();
    }
  }
}

// A Cancel that counts the long sleeps under way (pause, retry delays, loop pauses, wait_for
// polls all sleep through it), so a test can interrupt a run exactly while it sleeps.
import { Cancel } from '../../../engine/run/cancel.js';

export class WatchedCancel extends Cancel {
  private sleeping = 0;

  /** Sleeps of a second or more that have started and not ended. */
  longSleeps(): number {
    return this.sleeping;
  }

  override async sleep(ms: number): Promise<void> {
    if (ms < 1000) return super.sleep(ms);
    this.sleeping++;
    try {
      await super.sleep(ms);
    } finally {
      this.sleeping--;
    }
  }
}

// Mocha root hooks (.mocharc.json "require"): the shared labs go down when the whole run ends,
// after a failure too.
import { downSharedLabs } from './lab-pool.js';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    await downSharedLabs();
  },
};

// Shared check for the fault suites: no handle (socket, timer, server) left open by a test.
// Unhandled rejections need no check of ours: Jest 30 fails the test in which one happens.
import { handlesBeyond, openHandles } from "./fault-server";

export interface ProcessGuard {
  /**
   * Asserts no handle is left open beyond what was open before the test; call after closing its
   * servers. `allow` names handle kinds that Node itself leaves behind (see the caller's reason).
   */
  check(allow?: string[]): Promise<void>;
}

export function guardProcess(): ProcessGuard {
  let baseline: string[] = [];
  beforeEach(() => {
    baseline = openHandles();
  });
  return {
    async check(allow = []) {
      // Allowed kinds are left out while waiting too, so the wait ends as soon as the rest is closed.
      expect(await handlesBeyond(baseline, 1000, allow)).toEqual([]);
    },
  };
}

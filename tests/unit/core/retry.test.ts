// The retry policy's pure part: backoff delays.
import { DEFAULT_BACKOFF } from "../../../src";
import { retryDelay } from "../../../src/core/retry";

describe("retryDelay", () => {
  it("doubles from initialDelay up to maxDelay, less up to 25 % jitter", () => {
    const none = () => 0;
    const most = () => 1;
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, DEFAULT_BACKOFF, none))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect([0, 1, 4].map((n) => retryDelay(n, undefined, DEFAULT_BACKOFF, most))).toEqual([375, 750, 6000]);
    expect(retryDelay(1, undefined, { initialDelay: 10, maxDelay: 15, maxRetryAfter: 0 }, none)).toBe(15);
  });

  it("uses Retry-After instead, in whole milliseconds, up to maxRetryAfter; beyond it, no retry", () => {
    expect(retryDelay(3, 1.5, DEFAULT_BACKOFF, () => 0.5)).toBe(1500);
    expect(retryDelay(0, 0.0004, DEFAULT_BACKOFF)).toBe(1);
    expect(retryDelay(0, 0, DEFAULT_BACKOFF)).toBe(0);
    expect(retryDelay(0, 60, DEFAULT_BACKOFF)).toBe(60_000);
    expect(retryDelay(0, 60.001, DEFAULT_BACKOFF)).toBeUndefined();
  });
});

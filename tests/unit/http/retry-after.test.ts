import { parseRetryAfter } from "../../../src/http/retry-after";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-26T04:00:00Z");
  const at = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);
  it.each<[Record<string, string>, number | undefined]>([
    [{}, undefined],
    [{ "retry-after": "7" }, 7],
    [{ "retry-after": " 2.5 " }, 2.5],
    [{ "retry-after": "Thu, 26 Nov 2026 04:00:30 GMT" }, 30],
    [{ "retry-after": "Thu, 26 Nov 2026 03:59:00 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "" }, undefined],
    [{ "retry-after-ms": "250" }, 0.25],
    [{ "retry-after-ms": "250", "retry-after": "9" }, 0.25],
    [{ "retry-after-ms": "x", "retry-after": "9" }, 9],
    [{ "retry-after-ms": "1.5" }, 0.0015],
  ])("%p → %p seconds", (headers, seconds) => {
    expect(at(headers)).toBe(seconds);
  });
});

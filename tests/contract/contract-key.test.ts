// `npm run contract` never runs against MiniMax's own API (scripts/lib/contract-key.cjs): that is
// `npm run test:live`'s job, with its ledger, its one-file-at-a-time run and its output filter.
import { REGION_BASE_URLS } from "../../src/core/options";

const { isMiniMaxHost, refusedTarget, MINIMAX_DOMAINS } = require("../../scripts/lib/contract-key.cjs") as {
  isMiniMaxHost: (target: string) => boolean;
  refusedTarget: (target: string | undefined) => string | undefined;
  MINIMAX_DOMAINS: readonly string[];
};

// scripts/lib/live.cjs REGIONS, the table read here, equals REGION_BASE_URLS (tests/live/test-live.test.ts).
it("takes MiniMax's domains from the client's region URLs", () => {
  expect([...MINIMAX_DOMAINS].sort()).toEqual(
    [
      ...new Set(Object.values(REGION_BASE_URLS).map((url) => new URL(url).hostname.split(".").slice(-2).join("."))),
    ].sort(),
  );
});

it.each([
  ...Object.values(REGION_BASE_URLS),
  "https://api.minimaxi.com/",
  "https://API.MINIMAX.IO",
  "https://api.minimax.io./v1",
  "http://api-uw.minimax.io:8080",
  "https://minimaxi.com",
])("refuses MiniMax's host %s and points to npm run test:live", (target) => {
  expect(isMiniMaxHost(target)).toBe(true);
  expect(refusedTarget(target)).toMatch(/ is MiniMax's API: run MINIMAX_API_KEY=… npm run test:live/);
});

it.each([
  "http://127.0.0.1:4011",
  "https://api.minimax.io.example.com",
  "https://evil.example/api.minimax.io",
  "https://notminimax.io",
  "not a url",
])("runs against %s", (target) => {
  expect(isMiniMaxHost(target)).toBe(false);
  expect(refusedTarget(target)).toBeUndefined();
});

it("runs against the Prism mock (no --target)", () => {
  expect(refusedTarget(undefined)).toBeUndefined();
});

// A client in a browser page only when the caller says so: the key would be in the page.
import { MiniMaxConfigError, MiniMaxFiles } from "../../../src";
import { inBrowser } from "../../../src/core/browser-guard";

const g = globalThis as Record<string, unknown>;
const hadNavigator = Object.getOwnPropertyDescriptor(globalThis, "navigator");
function pretendBrowser(): void {
  g["window"] = {};
  g["document"] = {};
  if (typeof g["navigator"] !== "object")
    Object.defineProperty(globalThis, "navigator", { value: {}, configurable: true });
}
afterEach(() => {
  delete g["window"];
  delete g["document"];
  if (!hadNavigator) delete g["navigator"];
});

it("refuses to be made in a browser, naming dangerouslyAllowBrowser, before anything is sent", () => {
  pretendBrowser();
  expect(inBrowser()).toBe(true);
  let caught: unknown;
  try {
    new MiniMaxFiles({ apiKey: "sk-browser-0123456789", baseUrl: "http://127.0.0.1:2" });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MiniMaxConfigError);
  expect(caught).toMatchObject({ option: "dangerouslyAllowBrowser" });
  expect((caught as Error).message).toMatch(/puts the API key in the page.*dangerouslyAllowBrowser: true.*CORS/);
  expect((caught as Error).message).not.toContain("sk-browser-0123456789");
});

it("is made in a browser with dangerouslyAllowBrowser: true, and anywhere else without it", () => {
  expect(inBrowser()).toBe(false);
  expect(() => new MiniMaxFiles({ apiKey: "sk-0123456789", baseUrl: "http://127.0.0.1:2" })).not.toThrow();
  pretendBrowser();
  expect(
    () => new MiniMaxFiles({ apiKey: "sk-0123456789", baseUrl: "http://127.0.0.1:2", dangerouslyAllowBrowser: true }),
  ).not.toThrow();
  // Only true allows it: a truthy string is a mistake, not a decision.
  expect(
    () =>
      new MiniMaxFiles({
        apiKey: "sk-0123456789",
        baseUrl: "http://127.0.0.1:2",
        dangerouslyAllowBrowser: "yes" as unknown as boolean,
      }),
  ).toThrow(MiniMaxConfigError);
});

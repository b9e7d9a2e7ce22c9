// node:url, node:util, node:crypto and node:stream in the web build.
import { MiniMaxInputError } from "../../../src/errors";
import { Readable, fileURLToPath, inspect, randomUUID } from "../../../src/web/node-misc";

it("a file: URL is the input error; inspect is JSON or String; randomUUID comes from Web Crypto", () => {
  expect(() => fileURLToPath()).toThrow(MiniMaxInputError);
  expect(inspect({ a: 1 })).toBe('{"a":1}');
  const circular: Record<string, unknown> = {};
  circular["self"] = circular;
  expect(inspect(circular)).toBe("[object Object]");
  expect(inspect(undefined)).toBe("undefined");
  expect(randomUUID()).toMatch(/^[0-9a-f-]{36}$/);
  expect({} instanceof Readable).toBe(false);
});

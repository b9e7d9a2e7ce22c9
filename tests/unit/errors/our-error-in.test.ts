// One of our errors found where a failure started, however deep fetch wrapped it.
import { MiniMaxInputError } from "../../../src";
import { ourErrorIn } from "../../../src/errors/our-error-in";

const ours = new MiniMaxInputError("file", "file grew while being sent");

it("finds ours at the top or down the cause chain", () => {
  expect(ourErrorIn(ours)).toBe(ours);
  expect(ourErrorIn(new TypeError("fetch failed", { cause: ours }))).toBe(ours);
  expect(ourErrorIn(new Error("a", { cause: new Error("b", { cause: ours }) }))).toBe(ours);
});

it("gives up after five levels, and on anything that is not an error", () => {
  let deep: Error = ours;
  for (let i = 0; i < 5; i++) deep = new Error(`level ${i}`, { cause: deep });
  expect(ourErrorIn(deep)).toBeUndefined();
  expect(ourErrorIn(new Error("plain"))).toBeUndefined();
  expect(ourErrorIn("text")).toBeUndefined();
  expect(ourErrorIn(undefined)).toBeUndefined();
});

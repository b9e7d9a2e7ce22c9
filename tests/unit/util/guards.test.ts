// Type guards shared by every layer.
import { runInNewContext } from "node:vm";
import { isErrorLike, isRecord } from "../../../src/util/guards";

it("isRecord: a plain object, not null, not an array", () => {
  expect(isRecord({})).toBe(true);
  expect(isRecord(Object.create(null))).toBe(true);
  expect(isRecord([])).toBe(false);
  expect(isRecord(null)).toBe(false);
  expect(isRecord("x")).toBe(false);
});

it("isErrorLike: an Error of this realm or another, or anything shaped like one", () => {
  expect(isErrorLike(new TypeError("x"))).toBe(true);
  expect(isErrorLike(runInNewContext("new Error('other realm')"))).toBe(true);
  expect(isErrorLike({ name: "E", message: "m" })).toBe(true);
  expect(isErrorLike({ message: "m" })).toBe(false);
  expect(isErrorLike("Error: m")).toBe(false);
  expect(isErrorLike(null)).toBe(false);
});

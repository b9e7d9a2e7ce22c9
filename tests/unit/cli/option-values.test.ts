// Flag values checked as commander parses them: a bad one is an InvalidArgumentError saying what
// a good one looks like.
import { InvalidArgumentError } from "commander";
import { baseUrl, wholeNumber } from "../../../src/cli/option-values";

const refusal = (check: () => unknown): string => {
  try {
    check();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error.message;
    throw error;
  }
  throw new Error("not refused");
};

it("wholeNumber takes whole numbers in its range, and names the range otherwise", () => {
  expect(wholeNumber(1, 64)("4")).toBe(4);
  expect(wholeNumber(0, 100)("0")).toBe(0);
  for (const bad of ["0", "65", "1.5", "-1", "", "4x"])
    expect(refusal(() => wholeNumber(1, 64)(bad))).toBe("It must be a whole number from 1 to 64.");
});

it("baseUrl takes http and https URLs as given", () => {
  expect(baseUrl("http://127.0.0.1:4011")).toBe("http://127.0.0.1:4011");
  expect(baseUrl("https://api.minimax.io/")).toBe("https://api.minimax.io/");
});

it.each([
  ["localhost:4011", "It must start with http:// or https://, e.g. http://localhost:4011."],
  ["127.0.0.1:4011", "It must start with http:// or https://, e.g. http://127.0.0.1:4011."],
  ["//example.com", "It must start with http:// or https://, e.g. http://example.com."],
  ["ftp://127.0.0.1", "It must be an http(s) URL, not ftp://."],
  ["http://", "It must be an absolute http(s) URL, e.g. http://127.0.0.1:4011."],
])("baseUrl refuses %p, saying what is missing", (value, message) => {
  expect(refusal(() => baseUrl(value))).toBe(message);
});

// Argument checks: each refusal is a MiniMaxInputError naming the argument and what it got.
import { MiniMaxInputError } from "../../../src";
import { assertMediaType, assertObject, assertOneOf, assertOptionalFunction } from "../../../src/util/inputs";

function refusal(check: () => void): MiniMaxInputError {
  try {
    check();
  } catch (error) {
    if (error instanceof MiniMaxInputError) return error;
    throw error;
  }
  throw new Error("not refused");
}

it("assertObject takes a plain object and names what it got otherwise", () => {
  expect(() => assertObject({}, "params")).not.toThrow();
  const error = refusal(() => assertObject([], "params"));
  expect([error.input, error.message]).toEqual(["params", "params must be an object, got an array."]);
});

it("assertOneOf lists the allowed values", () => {
  expect(() => assertOneOf("b", ["a", "b"], "purpose")).not.toThrow();
  expect(refusal(() => assertOneOf("c", ["a", "b"], "purpose")).message).toBe('purpose must be one of a, b; got "c".');
  expect(refusal(() => assertOneOf(1, ["a"], "purpose")).message).toBe("purpose must be one of a; got number 1.");
});

it("assertOptionalFunction takes a function or nothing", () => {
  expect(() => assertOptionalFunction(undefined, "options.onProgress")).not.toThrow();
  expect(() => assertOptionalFunction(() => 1, "options.onProgress")).not.toThrow();
  expect(refusal(() => assertOptionalFunction("f", "options.onProgress")).message).toBe(
    'options.onProgress must be a function, got "f".',
  );
});

it("assertMediaType takes a media type with parameters on one line", () => {
  expect(() => assertMediaType("audio/mpeg", "contentType")).not.toThrow();
  expect(() => assertMediaType("text/plain; charset=utf-8", "contentType")).not.toThrow();
  expect(refusal(() => assertMediaType("audio", "contentType")).input).toBe("contentType");
  expect(refusal(() => assertMediaType("text/plain\r\nX-Evil: 1", "contentType")).message).toMatch(
    /^contentType must be a media type like "audio\/mpeg"/,
  );
});

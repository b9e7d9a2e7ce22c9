// toFile(): names content for upload; bad names, types and sizes are refused before any upload.
import { MiniMaxInputError, toFile } from "../../../src";
import { isNamedUpload } from "../../../src/transfer/upload-source";

it("wraps the source with its name, type and size, frozen", () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const named = toFile(bytes, "voice.mp3", { type: "audio/mpeg", size: 3 });
  expect(isNamedUpload(named)).toBe(true);
  expect({ source: named.source, name: named.name, type: named.type, size: named.size }).toEqual({
    source: bytes,
    name: "voice.mp3",
    type: "audio/mpeg",
    size: 3,
  });
  expect(Object.isFrozen(named)).toBe(true);
  expect(isNamedUpload(bytes)).toBe(false);
});

it("takes no name at all (upload's filename then names it)", () => {
  expect(toFile(new Uint8Array([1])).name).toBeUndefined();
});

it.each<[string, () => unknown, string, RegExp]>([
  [
    "an empty name",
    () => toFile(new Uint8Array([1]), " "),
    "name",
    /^toFile's name must be a non-empty string like "voice\.mp3", got " "\.$/,
  ],
  ["a name that is not a string", () => toFile(new Uint8Array([1]), 5 as never), "name", /got number 5\.$/],
  [
    "a type that is not a media type",
    () => toFile(new Uint8Array([1]), "a.mp3", { type: "mpeg" }),
    "type",
    /^type must be a media type/,
  ],
  [
    "a negative size",
    () => toFile(new Uint8Array([1]), "a.mp3", { size: -1 }),
    "size",
    /^toFile's size must be a whole number of bytes, got number -1\.$/,
  ],
  ["a fractional size", () => toFile(new Uint8Array([1]), "a.mp3", { size: 1.5 }), "size", /got number 1\.5\.$/],
])("refuses %s, naming the input", (_what, call, input, message) => {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MiniMaxInputError);
  expect((caught as MiniMaxInputError).input).toBe(input);
  expect((caught as MiniMaxInputError).message).toMatch(message);
});

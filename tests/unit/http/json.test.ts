// JSON with int64 ids kept exact: id fields become decimal strings, every other number a number.
import { MalformedIdError, parseJson, stringifyJson } from "../../../src/http/json";

it("keeps an id above 2^53 as its exact digits, and other numbers as JSON.parse gives them", () => {
  const text = '{"file":{"file_id":9223372036854775807,"bytes":5896337,"created_at":1700000000,"ratio":0.5}}';
  expect(parseJson(text)).toEqual({
    file: { file_id: "9223372036854775807", bytes: 5896337, created_at: 1700000000, ratio: 0.5 },
  });
});

it("takes an id sent as a numeric string, and leaves a null id for the result checks", () => {
  expect(parseJson('{"file_id":"302892389810433"}')).toEqual({ file_id: "302892389810433" });
  expect(parseJson('{"file_id":null}')).toEqual({ file_id: null });
});

it.each([
  ['{"file_id":1.5}', "file_id is number 1.5, not an integer id"],
  ['{"file_id":"abc"}', 'file_id is "abc", not an integer id'],
  ['{"file_id":true}', "file_id is boolean true, not an integer id"],
])("refuses %s as a malformed id", (text, message) => {
  let caught: unknown;
  try {
    parseJson(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MalformedIdError);
  expect((caught as MalformedIdError).message).toBe(message);
  expect((caught as MalformedIdError).field).toBe("file_id");
});

it("throws SyntaxError for text that is not JSON", () => {
  expect(() => parseJson("{nope")).toThrow(SyntaxError);
});

it("writes id fields given as decimal strings or bigints as JSON integers, other strings as strings", () => {
  expect(stringifyJson({ file_id: "9223372036854775807", purpose: "voice_clone" })).toBe(
    '{"file_id":9223372036854775807,"purpose":"voice_clone"}',
  );
  expect(stringifyJson({ file_id: 9223372036854775807n })).toBe('{"file_id":9223372036854775807}');
  expect(stringifyJson({ file_id: "not-digits" })).toBe('{"file_id":"not-digits"}');
});

// JSON with int64 ids kept exact: id fields become decimal strings, every other number a number.
import { JsonTextParser, MalformedIdError, parseJson, stringifyJson } from "../../../src/http/json";

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

describe("the ids the quoting before JSON.parse cannot turn into strings are still judged exactly", () => {
  it.each([
    // A \u escape can spell the key: JSON.parse gives "file_id" with a rounded number; lossless-json has the digits.
    ['{"file\\u005fid":9007199254740993}', { file_id: "9007199254740993" }],
    // Escapes elsewhere in the text do not change the answer.
    ['{"file_id":9007199254740993,"url":"a\\u0026b"}', { file_id: "9007199254740993", url: "a&b" }],
    // A safe integer in an exponent-free but unquoted place (after a \u elsewhere): its digits.
    ['{"name":"\\u00e9","files":[{"file_id":42}]}', { name: "é", files: [{ file_id: "42" }] }],
    // Whitespace around the key, the colon and the value.
    [
      '{ "files" : [ { "file_id" : 9223372036854775807 , "bytes" : 1 } ] }',
      { files: [{ file_id: "9223372036854775807", bytes: 1 }] },
    ],
  ])("%s", (text, expected) => {
    expect(parseJson(text)).toEqual(expected);
  });

  it("refuses an id in exponent form, however it is spelled", () => {
    expect(() => parseJson('{"file_id":1e3}')).toThrow(MalformedIdError);
    expect(() => parseJson('{"file\\u005fid":1.5}')).toThrow("file_id is number 1.5, not an integer id");
  });

  it("leaves text inside strings alone: a filename that looks like an id field stays as it was", () => {
    const text = '{"files":[{"file_id":9007199254740993,"filename":"x,\\"file_id\\":5.txt"}]}';
    expect(parseJson(text)).toEqual({ files: [{ file_id: "9007199254740993", filename: 'x,"file_id":5.txt' }] });
  });
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

describe("JsonTextParser: the text in pieces, cut anywhere, reads as the whole text does", () => {
  const read = (pieces: string[]) => {
    const parser = new JsonTextParser();
    for (const piece of pieces.slice(0, -1)) parser.push(piece);
    try {
      return parser.end(pieces.at(-1));
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };
  const whole = (text: string) => read([text]);
  it.each([
    '{"files":[{"file_id":9223372036854775807,"bytes":1},{"file_id" : 9007199254740993 ,"bytes":2}],"n":1.5}',
    '{"file\\u005fid":9007199254740993,"files":[{"file_id":1}]}', // a \u escape: the exact reading
    '{"files":[{"file_id":9007199254740993,"filename":"a,\\"file_id\\":5,b"}]}', // commas inside a string
    '{"file_id":1.5,"x":[1,2,3]}', // malformed, found in whichever piece it lands
    '{"file_id":"12,3"}', // a comma inside an id's string
    '{"file_id":01}', // not JSON
    '{"a":1,"file_id":9007199254740993}',
  ])("%s", (text) => {
    const expected = whole(text);
    for (let i = 0; i <= text.length; i++) expect(read([text.slice(0, i), text.slice(i)])).toEqual(expected);
    for (let i = 0; i + 3 <= text.length; i += 3)
      expect(read([text.slice(0, i), text.slice(i, i + 3), text.slice(i + 3)])).toEqual(expected);
  });

  it("quotes every id whole however the pieces fall", () => {
    const text = `{"files":[${Array.from({ length: 50 }, (_, i) => `{"file_id":${9007199254740993n + BigInt(i)}}`).join(",")}]}`;
    for (const size of [1, 2, 7, 16, 64]) {
      const pieces = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        text.slice(i * size, (i + 1) * size),
      );
      const files = (read(pieces) as { files: { file_id: string }[] }).files;
      expect(files.map((f) => f.file_id)).toEqual(
        Array.from({ length: 50 }, (_, i) => String(9007199254740993n + BigInt(i))),
      );
    }
  });

  it("says whether the text is blank, and quotes its start as it came", () => {
    const parser = new JsonTextParser();
    parser.push(" \n");
    expect(parser.blank).toBe(true);
    parser.push('{"file_id":9007199254740993,');
    expect(parser.blank).toBe(false);
    expect(parser.head).toBe(' \n{"file_id":9007199254740993');
  });
});

it("refuses an id with a leading zero as JSON does (01 is not a JSON number)", () => {
  expect(() => parseJson('{"file_id":01}')).toThrow(SyntaxError);
});

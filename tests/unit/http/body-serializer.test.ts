import { serializeBody, toMultipart } from "../../../src/http/body-serializer";

describe("serializeBody", () => {
  it("passes FormData, Blob and URLSearchParams through; nothing for no body", () => {
    const form = new FormData();
    const blob = new Blob(["x"]);
    const params = new URLSearchParams("a=1");
    expect(serializeBody(form)).toBe(form);
    expect(serializeBody(blob)).toBe(blob);
    expect(serializeBody(params)).toBe(params);
    expect(serializeBody(undefined)).toBeUndefined();
  });
  it("refuses a ReadableStream with a MiniMaxInputError naming body", () => {
    expect(() => serializeBody(new ReadableStream())).toThrow(
      expect.objectContaining({ name: "MiniMaxInputError", input: "body" }),
    );
  });
  it("JSON with ids as integers; a body holding a Blob as multipart in field order", async () => {
    expect(serializeBody({ file_id: "123", purpose: "x" })).toBe('{"file_id":123,"purpose":"x"}');
    expect(serializeBody({ file_id: 5n })).toBe('{"file_id":5}');
    expect(serializeBody({ file_id: "abc" })).toBe('{"file_id":"abc"}');
    const form = serializeBody({
      purpose: "voice_clone",
      skip: undefined,
      none: null,
      n: 3,
      file: new File(["abc"], "a.mp3"),
    }) as FormData;
    expect([...form.keys()]).toEqual(["purpose", "n", "file"]);
    expect(form.get("n")).toBe("3");
    expect(toMultipart({ obj: { a: 1 } }).get("obj")).toBe('{"a":1}');
  });
});

// When a Content-Length says how many bytes a reader gets: only when no coding but identity applies.
import { bodyLengthOf, contentCodings } from "../../../src/transfer/content-length";

it.each<[Record<string, string>, number | undefined]>([
  [{ "content-length": "42" }, 42],
  [{ "content-length": "42", "content-encoding": "identity" }, 42],
  [{ "content-length": "42", "content-encoding": " Identity , identity" }, 42],
  [{ "content-length": "42", "content-encoding": "gzip" }, undefined],
  [{ "content-length": "42", "content-encoding": "identity, br" }, undefined],
  [{ "content-length": "4x2" }, undefined],
  [{ "content-length": "-1" }, undefined],
  [{}, undefined],
])("headers %j give %p bytes", (headers, expected) => {
  expect(bodyLengthOf(new Headers(headers))).toBe(expected);
});

it("lists codings in the order they were applied, lower case, without identity", () => {
  expect(contentCodings("gzip, Identity, BR")).toEqual(["gzip", "br"]);
  expect(contentCodings(null)).toEqual([]);
  expect(contentCodings("")).toEqual([]);
});

// Which stored files an upload would duplicate (src/transfer/find-uploaded.ts): same name, and
// same size when one is given; parameters checked before anything is sent, each error naming one.
import { MiniMaxInputError } from "../../../src";
import type { FileObject } from "../../../src/http/results";
import { checkFindUploaded, matchingUploads } from "../../../src/transfer/find-uploaded";

const file = (filename: string, bytes: number, file_id: string): FileObject => ({
  file_id,
  filename,
  bytes,
  created_at: 1700000000,
  purpose: "t2a_async_input",
});
const stored = [file("a.txt", 5, "1"), file("b.txt", 5, "2"), file("a.txt", 9, "3"), file("A.txt", 5, "4")];

it("matches the name exactly (case included) and, when given, the size, in the order listed", () => {
  const purpose = "t2a_async_input" as const;
  expect(matchingUploads(stored, { purpose, filename: "a.txt", bytes: 5 }).map((f) => f.file_id)).toEqual(["1"]);
  expect(matchingUploads(stored, { purpose, filename: "a.txt" }).map((f) => f.file_id)).toEqual(["1", "3"]);
  expect(matchingUploads(stored, { purpose, filename: "a.txt", bytes: 0 })).toEqual([]);
  expect(matchingUploads(stored, { purpose, filename: "c.txt" })).toEqual([]);
});

it.each([
  [null, "params"],
  [{ filename: "" }, "filename"],
  [{ filename: ["a.txt"] }, "filename"],
  [{ filename: "a.txt", bytes: "5" }, "bytes"],
  [{ filename: "a.txt", bytes: Number.NaN }, "bytes"],
  [{ filename: "a.txt", bytes: 2 ** 53 }, "bytes"],
])("refuses %p naming %s", (params, input) => {
  expect(() => checkFindUploaded(params)).toThrow(MiniMaxInputError);
  expect(() => checkFindUploaded(params)).toThrow(expect.objectContaining({ input }));
});

it("takes a name with a size of 0 bytes or none", () => {
  expect(() => checkFindUploaded({ purpose: "t2a_async_input", filename: "a.txt", bytes: 0 })).not.toThrow();
  expect(() => checkFindUploaded({ purpose: "t2a_async_input", filename: "a.txt" })).not.toThrow();
});

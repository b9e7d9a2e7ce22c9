// The fields the client guarantees on a FileObject, checked one by one.
import { fresh } from "../../helpers/fresh";

// The checks are a top-level table: loaded in each test (see tests/helpers/fresh.ts).
let checkFileObject: typeof import("../../../src/http/results").checkFileObject;
beforeEach(() => {
  ({ checkFileObject } = fresh(
    () => require("../../../src/http/results") as typeof import("../../../src/http/results"),
  ));
});

const good = {
  file_id: "9223372036854775807",
  bytes: 0,
  created_at: 1700000000,
  filename: "a.mp3",
  purpose: "voice_clone",
};

it("accepts a record with every guaranteed field, returning it as is (download_url optional)", () => {
  expect(checkFileObject(good, "file")).toBe(good);
  const withUrl = { ...good, download_url: "https://x/y" };
  expect(checkFileObject(withUrl, "file")).toBe(withUrl);
});

it.each([
  ["file_id", 1, "file.file_id invalid (1)"],
  ["bytes", -1, "file.bytes invalid (-1)"],
  ["bytes", 1.5, "file.bytes invalid (1.5)"],
  ["bytes", "2", 'file.bytes invalid ("2")'],
  ["created_at", 1.5, "file.created_at invalid (1.5)"],
  ["filename", 7, "file.filename invalid (7)"],
  ["purpose", null, "file.purpose invalid (null)"],
  ["download_url", 5, "file.download_url invalid (5)"],
])("%s %p is refused, naming the field and the value", (field, value, expected) => {
  expect(checkFileObject({ ...good, [field]: value }, "file")).toBe(expected);
});

it.each(["file_id", "bytes", "created_at", "filename", "purpose"])("a missing %s is named as missing", (field) => {
  const { [field as keyof typeof good]: _dropped, ...rest } = good;
  expect(checkFileObject(rest, "files[3]")).toBe(`files[3].${field} missing`);
});

it("something that is not a record is named, or said to be nothing", () => {
  expect(checkFileObject(undefined, "file")).toBe("no file (got nothing)");
  expect(checkFileObject([1], "file")).toBe("no file (got [1])");
});

// node:fs in the web build: no input is an fs.ReadStream, and every use is the input error.
import fs, { ReadStream, openAsBlob, promises } from "../../../src/web/node-fs";
import { MiniMaxInputError } from "../../../src/errors";

it("every call, sync or async, is the input error naming the runtime; nothing is a ReadStream", async () => {
  await expect((promises["stat"] as (p: string) => Promise<unknown>)("a.txt")).rejects.toBeInstanceOf(
    MiniMaxInputError,
  );
  await expect(openAsBlob()).rejects.toThrow(/has no file system/);
  expect(() => (fs["createWriteStream"] as () => unknown)()).toThrow(MiniMaxInputError);
  expect({} instanceof ReadStream).toBe(false);
  expect(fs["ReadStream"]).toBe(ReadStream);
});

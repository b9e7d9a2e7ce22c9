// Uploads a user can run again. MiniMax has no upload key, so a connection lost after the bytes
// went out leaves the user not knowing whether the file was stored. The error says so
// (`fileMayBeStored`), `files.findUploaded` is the check, and the CLI's `--skip-existing` runs a
// failed batch again without storing anything twice (tests/cli/run-again.test.ts, which needs the
// build). The stand-in stores each upload (a real sandbox) and cuts the connection before its
// answer (tests/helpers/cutting-stand.proxy().ts).
import { MiniMaxConnectionError, MiniMaxFiles, MiniMaxInputError, toFile } from "../../src";
import { sandboxBehindCuttingProxy } from "../helpers/cutting-sandbox";
import { refusedUrl } from "../helpers/refused-port";

const stand = sandboxBehindCuttingProxy();
const { direct } = stand;

describe("the library", () => {
  it("an upload cut after the server stored it: fileMayBeStored, a remedy naming findUploaded, and findUploaded finds it", async () => {
    const cut = new MiniMaxFiles({ apiKey: stand.sandbox().apiKey, baseUrl: stand.proxy().url, maxRetries: 2 });
    const error = await cut
      .upload({ file: toFile(Buffer.from("chapter one"), "chapter.txt"), purpose: "t2a_async_input" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxConnectionError);
    expect(error).toMatchObject({ requestSent: true, fileMayBeStored: true });
    expect((error as MiniMaxConnectionError).remedy).toContain("files.findUploaded({ purpose, filename, bytes })");
    // Not retried (it may be stored): one upload reached the server.
    expect(stand.proxy().withheld).toBe(1);
    const found = await direct().findUploaded({ purpose: "t2a_async_input", filename: "chapter.txt", bytes: 11 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ filename: "chapter.txt", bytes: 11, purpose: "t2a_async_input" });
    // Another size is another file; without bytes, any size matches.
    expect(await direct().findUploaded({ purpose: "t2a_async_input", filename: "chapter.txt", bytes: 12 })).toEqual([]);
    expect(await direct().findUploaded({ purpose: "t2a_async_input", filename: "chapter.txt" })).toHaveLength(1);
  });

  it("a connection refused before sending cannot have stored anything: fileMayBeStored false", async () => {
    const error = await new MiniMaxFiles({ apiKey: stand.sandbox().apiKey, baseUrl: await refusedUrl(), maxRetries: 0 })
      .upload({ file: toFile(Buffer.from("x"), "a.txt"), purpose: "t2a_async_input" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: false, fileMayBeStored: false });
    expect((error as MiniMaxConnectionError).remedy).not.toContain("findUploaded");
  });

  it("a time-out while waiting for the answer to an upload: fileMayBeStored", async () => {
    stand.proxy().cuts = 0;
    const silent = new MiniMaxFiles({
      apiKey: stand.sandbox().apiKey,
      baseUrl: stand.sandbox().url,
      // The answer never comes: the request is sent and then held.
      fetch: (request) => request.arrayBuffer().then(() => new Promise<Response>(() => undefined)),
    });
    const error = await silent
      .upload({ file: toFile(Buffer.from("x"), "a.txt"), purpose: "t2a_async_input" }, { timeout: 200 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxTimeoutError", fileMayBeStored: true });
    // Other operations' time-outs store nothing.
    const listed = await silent.list({ purpose: "t2a_async_input" }, { timeout: 50 }).catch((e: unknown) => e);
    expect(listed).toMatchObject({ name: "MiniMaxTimeoutError", fileMayBeStored: false });
  });

  it.each([
    [{ purpose: "t2a_async_input", filename: "" }, "filename"],
    [{ purpose: "t2a_async_input", filename: 7 }, "filename"],
    [{ purpose: "t2a_async_input", filename: "a.txt", bytes: -1 }, "bytes"],
    [{ purpose: "t2a_async_input", filename: "a.txt", bytes: 1.5 }, "bytes"],
    [{ purpose: "nope", filename: "a.txt" }, "purpose"],
  ])("findUploaded(%p) is a MiniMaxInputError naming %s, before anything is sent", async (params, input) => {
    const error = await direct()
      .findUploaded(params as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxInputError);
    expect(error).toMatchObject({ input });
    expect(stand.sandbox().exchanges).toHaveLength(0);
  });
});

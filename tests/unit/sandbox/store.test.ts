// The sandbox's files (src/sandbox/store.ts), in a real temporary folder: ids from 2^53 + 1, a
// spool file stored by rename, lookups that refuse an unknown id, and a download that keeps its
// bytes when the file is removed while it reads.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BusinessError } from "../../../src/sandbox/refusal";
import { FIRST_FILE_ID } from "../../../src/sandbox/constants";
import { FileStore } from "../../../src/sandbox/store";

let store: FileStore;
beforeEach(async () => {
  store = await FileStore.create();
});
afterEach(async () => {
  await store.removeAll();
});

/** An upload as the receiver leaves it: its bytes in a spool file of the store's. */
const received = (content: string, purpose = "t2a_async_input", filename = "a.txt") => {
  const spool = store.spoolPath();
  fs.writeFileSync(spool, content);
  return { purpose, filename, bytes: Buffer.byteLength(content), spool };
};
const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

it("lives in a new folder of its own under the system's temporary folder, removed with everything in it", async () => {
  const other = await FileStore.create();
  expect(path.dirname(store.folder)).toBe(os.tmpdir());
  expect(path.basename(store.folder)).toMatch(/^minimax-sandbox-/);
  expect(other.folder).not.toBe(store.folder);
  await other.add(received("x"));
  await other.removeAll();
  expect(fs.existsSync(other.folder)).toBe(false);
});

it("hands out ids from 2^53 + 1 up, each upload's spool file renamed to file-<id>", async () => {
  const before = Math.floor(Date.now() / 1000);
  const first = received("one");
  expect(path.dirname(first.spool)).toBe(store.folder);
  expect(path.basename(first.spool)).toBe("incoming-1");
  const a = await store.add(first);
  const b = await store.add(received("second", "voice_clone", "b.mp3"));
  expect(FIRST_FILE_ID).toBe(9007199254740993n);
  expect([a.id, b.id]).toEqual([FIRST_FILE_ID, FIRST_FILE_ID + 1n]);
  expect(a).toEqual({
    id: FIRST_FILE_ID,
    filename: "a.txt",
    bytes: 3,
    createdAt: expect.any(Number),
    purpose: "t2a_async_input",
    location: path.join(store.folder, "file-9007199254740993"),
  });
  expect(a.createdAt).toBeGreaterThanOrEqual(before);
  expect(a.createdAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  expect(fs.readdirSync(store.folder).sort()).toEqual(["file-9007199254740993", "file-9007199254740994"]);
  expect(fs.readFileSync(a.location, "utf8")).toBe("one");
});

it("a spool file that cannot be renamed is removed, and the error passed on", async () => {
  const upload = received("lost");
  fs.mkdirSync(path.join(store.folder, `file-${FIRST_FILE_ID}`)); // a folder in the way: the rename fails
  fs.writeFileSync(path.join(store.folder, `file-${FIRST_FILE_ID}`, "x"), "");
  await expect(store.add(upload)).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTEMPTY|EISDIR|EEXIST)$/) });
  expect(fs.existsSync(upload.spool)).toBe(false);
  expect(() => store.get(FIRST_FILE_ID)).toThrow(BusinessError);
});

it("get and list find what was stored; an unknown id is the 2013 'file not found' refusal", async () => {
  const a = await store.add(received("a"));
  const b = await store.add(received("b", "voice_clone", "b.mp3"));
  const c = await store.add(received("c"));
  expect(store.get(b.id)).toEqual(b);
  expect(store.list("t2a_async_input")).toEqual([a, c]);
  expect(store.list("prompt_audio")).toEqual([]);
  expect(() => store.get(FIRST_FILE_ID + 100n)).toThrow(BusinessError);
  expect(() => store.get(FIRST_FILE_ID + 100n)).toThrow(
    expect.objectContaining({ code: 2013, message: `file not found: ${FIRST_FILE_ID + 100n}` }),
  );
});

it("remove forgets the file and its name; a second remove is 'file not found'", async () => {
  const a = await store.add(received("a"));
  await store.remove(a.id);
  expect(fs.readdirSync(store.folder)).toEqual([]);
  expect(store.list("t2a_async_input")).toEqual([]);
  await expect(store.remove(a.id)).rejects.toMatchObject({ code: 2013, message: `file not found: ${a.id}` });
});

it("openContent reads the bytes through a handle opened now: a remove after it leaves them whole", async () => {
  const content = "x".repeat(1024 * 1024);
  const a = await store.add(received(content));
  const { file, content: stream } = await store.openContent(a.id);
  expect(file).toEqual({ ...a, bytes: content.length });
  await store.remove(a.id);
  expect(fs.readdirSync(store.folder)).toEqual([]);
  const read = await readAll(stream);
  expect({ length: read.length, same: read === content }).toEqual({ length: content.length, same: true });
});

it("openContent takes the size from the file on disk, and a file gone from disk is 'file not found'", async () => {
  const a = await store.add(received("short"));
  fs.appendFileSync(a.location, " and longer");
  const opened = await store.openContent(a.id);
  expect(opened.file.bytes).toBe("short and longer".length);
  opened.content.destroy();
  fs.rmSync(a.location);
  await expect(store.openContent(a.id)).rejects.toMatchObject({ code: 2013, message: `file not found: ${a.id}` });
});

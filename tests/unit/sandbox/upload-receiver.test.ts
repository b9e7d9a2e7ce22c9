// The streamed multipart upload (src/sandbox/upload-receiver.ts) over real sockets, into a real
// folder: what it records, what it keeps, and that a refused or cut upload leaves no file. The
// memory and timing side (refused while still streaming) is tests/sandbox/upload-stream.test.ts.
import { documentedMaxBytes } from "../../helpers/uploads";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UPLOAD_PURPOSES } from "../../../generated/constants";
import { BusinessError, ClientGone } from "../../../src/sandbox/refusal";
import { FIELD_LIMIT, PART_LIMIT, receiveUpload, uploadProblem } from "../../../src/sandbox/upload-receiver";
import type { Upload } from "../../../src/sandbox/store";
import type { RecordedRequest } from "../../../src/sandbox/validator";
import { sendCut, sendRaw, serveRequests, type Served } from "../../helpers/served-request";

let folder: string;
let served: Served<Upload>;
let seen: RecordedRequest;
beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "upload-receiver-"));
  let n = 0;
  served = await serveRequests((req) => {
    seen = { method: "POST", path: "/v1/files/upload", query: {}, headers: { ...req.headers } };
    return receiveUpload(req, seen, () => path.join(folder, `spool-${++n}`));
  });
});
afterEach(async () => {
  await served.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const upload = (form: FormData) =>
  fetch(served.url, { method: "POST", body: form }).then(async (res) => ({
    status: res.status,
    text: await res.text(),
  }));
const formOf = (fields: [string, string | File][]) => {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
};
const refusal = async () => {
  const error = await served.results[0]!.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusinessError);
  return (error as BusinessError).message;
};

it("uploadProblem: the purpose from the enum, a file part, a format and a size the purpose takes", () => {
  const max = documentedMaxBytes("voice_clone");
  expect(uploadProblem("voice_clone", { filename: "a.MP3", bytes: max })).toBeUndefined();
  expect(uploadProblem("t2a_async_input", { filename: "book.zip", bytes: 10 * max })).toBeUndefined(); // no size limit
  expect(uploadProblem("fine-tune", { filename: "a.mp3", bytes: 1 })).toBe(
    `purpose must be one of ${UPLOAD_PURPOSES.join(", ")}`,
  );
  expect(uploadProblem(undefined, undefined)).toBe(`purpose must be one of ${UPLOAD_PURPOSES.join(", ")}`);
  expect(uploadProblem("voice_clone", undefined)).toBe("file must be a file part");
  expect(uploadProblem("voice_clone", { filename: "notes.txt", bytes: 1 })).toBe(
    'voice_clone takes mp3, m4a, wav files, not "notes.txt"',
  );
  expect(uploadProblem("voice_clone", { filename: "a.mp3", bytes: max + 1 })).toBe(
    `file too large: ${max + 1} bytes, voice_clone takes at most ${max}`,
  );
});

it("records the fields and the file part, and leaves the file's bytes in its spool file", async () => {
  await upload(
    formOf([
      ["purpose", "t2a_async_input"],
      ["file", new File(["chapter one"], "book.txt", { type: "text/plain" })],
    ]),
  );
  const received = await served.results[0]!;
  expect(received).toEqual({
    purpose: "t2a_async_input",
    filename: "book.txt",
    bytes: 11,
    spool: path.join(folder, "spool-1"),
  });
  expect(fs.readFileSync(received.spool, "utf8")).toBe("chapter one");
  expect(seen.form).toEqual({
    purpose: "t2a_async_input",
    file: { filename: "book.txt", type: "text/plain", bytes: 11 },
  });
});

it("keeps only the first file part named file; the others are counted, recorded and dropped", async () => {
  await upload(
    formOf([
      ["purpose", "t2a_async_input"],
      ["file", new File(["first"], "a.txt")],
      ["file", new File(["second one"], "b.txt")],
      ["extra", new File(["xyz"], "c.txt")],
      ["purpose", "voice_clone"],
    ]),
  );
  const received = await served.results[0]!;
  expect(received).toMatchObject({ purpose: "t2a_async_input", filename: "a.txt", bytes: 5 });
  expect(fs.readdirSync(folder)).toEqual(["spool-1"]);
  expect(fs.readFileSync(received.spool, "utf8")).toBe("first");
  expect(seen.form).toEqual({
    purpose: "t2a_async_input",
    file: { filename: "a.txt", type: "application/octet-stream", bytes: 5 },
    extra: { filename: "c.txt", type: "application/octet-stream", bytes: 3 },
  });
});

it("an upload its purpose does not take is refused after its body was read, and nothing of it is kept", async () => {
  const answer = await upload(
    formOf([
      ["purpose", "voice_clone"],
      ["file", new File(["hello"], "notes.txt")],
    ]),
  );
  expect(answer.status).toBe(500); // answered (the helper's answer to a refusal), not reset
  expect(await refusal()).toBe('invalid params, voice_clone takes mp3, m4a, wav files, not "notes.txt"');
  expect(fs.readdirSync(folder)).toEqual([]);
  expect(seen.form).toEqual({
    purpose: "voice_clone",
    file: { filename: "notes.txt", type: "application/octet-stream", bytes: 5 },
  });
});

it("without a file part, or with a purpose outside the enum, there is nothing to store", async () => {
  await upload(formOf([["purpose", "t2a_async_input"]]));
  expect(await refusal()).toBe("invalid params, file must be a file part");
  await upload(
    formOf([
      ["purpose", "fine-tune"],
      ["file", new File(["x"], "a.txt")],
    ]),
  );
  await expect(served.results[1]).rejects.toMatchObject({
    message: expect.stringMatching(/^invalid params, purpose must be one of /),
  });
  expect(fs.readdirSync(folder)).toEqual([]);
});

it("a body that is not multipart is not read as one: the record says why", async () => {
  await sendRaw(served.url, { headers: { "content-type": "application/json" }, body: '{"purpose":"voice_clone"}' });
  expect(await refusal()).toBe("invalid params, the body must be multipart/form-data with the parts purpose and file");
  expect(seen).toMatchObject({
    unreadBody: 'Content-Type "application/json" is not one the spec documents (multipart/form-data)',
  });
  expect(seen.form).toBeUndefined();
});

it("a multipart body without a boundary, or one that ends inside a part, is a formError on the record", async () => {
  await sendRaw(served.url, { headers: { "content-type": "multipart/form-data" }, body: "x" });
  expect(await refusal()).toBe("invalid params, the body must be multipart/form-data with the parts purpose and file");
  expect(seen.formError).toEqual(expect.any(String));

  const body =
    '--b\r\ncontent-disposition: form-data; name="purpose"\r\n\r\nt2a_async_input\r\n--b\r\ncontent-disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno end';
  await sendRaw(served.url, { headers: { "content-type": "multipart/form-data; boundary=b" }, body });
  await expect(served.results[1]).rejects.toMatchObject({
    message: "invalid params, the body must be multipart/form-data with the parts purpose and file",
  });
  expect(seen.formError).toEqual(expect.any(String));
  expect(fs.readdirSync(folder)).toEqual([]);
});

it("a field over FIELD_LIMIT, or more than PART_LIMIT parts, is refused with the limit named", async () => {
  await upload(
    formOf([
      ["purpose", "t2a_async_input"],
      ["note", "n".repeat(FIELD_LIMIT + 1)],
      ["file", new File(["x"], "a.txt")],
    ]),
  );
  expect(await refusal()).toBe(`invalid params, the field note is longer than ${FIELD_LIMIT} bytes`);
  const many: [string, string | File][] = [
    ["purpose", "t2a_async_input"],
    ["file", new File(["x"], "a.txt")],
  ];
  for (let i = 0; i < PART_LIMIT; i++) many.push([`f${i}`, "v"]);
  await upload(formOf(many));
  await expect(served.results[1]).rejects.toMatchObject({
    message: `invalid params, the body has more than ${PART_LIMIT} parts`,
  });
  expect(fs.readdirSync(folder)).toEqual([]);
});

it("a client that goes away mid-file leaves no spool file, and is ClientGone (no one to answer)", async () => {
  const head =
    '--b\r\ncontent-disposition: form-data; name="purpose"\r\n\r\nvideo_understanding\r\n--b\r\ncontent-disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n';
  await sendCut(served.url, {
    headers: { "content-type": "multipart/form-data; boundary=b" },
    body: Buffer.concat([Buffer.from(head), Buffer.alloc(256 * 1024, 7)]),
    announced: 10 * 1024 * 1024,
  });
  await expect(served.results[0]).rejects.toBeInstanceOf(ClientGone);
  expect(fs.readdirSync(folder)).toEqual([]);
});

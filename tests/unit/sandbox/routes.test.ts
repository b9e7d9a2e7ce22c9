// The five operations (src/sandbox/routes.ts), each given a real request over a socket and a real
// store: what each answers, and how each refuses (the words are the client's to read).
import { stringify } from "lossless-json";
import { DELETE_PURPOSES, LIST_PURPOSES } from "../../../generated/constants";
import { BusinessError } from "../../../src/sandbox/refusal";
import { routes, type Answer } from "../../../src/sandbox/routes";
import { FIRST_FILE_ID } from "../../../src/sandbox/constants";
import { FileStore } from "../../../src/sandbox/store";
import type { RecordedRequest } from "../../../src/sandbox/validator";
import { sendRaw, serveRequests, type Served } from "../../helpers/served-request";

let store: FileStore;
let served: Served<Answer>;
const seen: RecordedRequest[] = [];
beforeEach(async () => {
  store = await FileStore.create();
  const operations = routes(store);
  seen.length = 0;
  served = await serveRequests((req) => {
    const url = new URL(req.url ?? "/", "http://routes.invalid");
    const record: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: {},
      headers: { ...req.headers },
    };
    seen.push(record);
    if (req.method === "GET") req.resume();
    return operations[url.pathname.slice(1)]!(req, url.searchParams, record);
  });
});
afterEach(async () => {
  await served.close();
  await store.removeAll();
});

/** Calls an operation (by its operationId, as the path) and settles with its answer or refusal. */
async function call(
  operation: string,
  {
    query = "",
    headers = {},
    body,
  }: { query?: string; headers?: Record<string, string>; body?: string | FormData } = {},
) {
  const index = served.results.length;
  if (body instanceof FormData) await fetch(`${served.url}/${operation}${query}`, { method: "POST", body });
  else
    await sendRaw(`${served.url}/${operation}${query}`, {
      method: body === undefined ? "GET" : "POST",
      headers,
      ...(body !== undefined && { body }),
    });
  return served.results[index]!;
}
const refusalOf = async (answer: Promise<Answer>) => {
  const error = await answer.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusinessError);
  return `${(error as BusinessError).code} ${(error as BusinessError).message}`;
};
const uploadText = async (text = "chapter one", purpose = "t2a_async_input") => {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("file", new File([text], "book.txt", { type: "text/plain" }));
  return call("uploadFile", { body: form });
};
const remove = (text: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  call("deleteFile", { headers, body: text });

it("uploadFile stores the upload and answers its FileObject, the id a BigInt for the exact integer on the wire", async () => {
  const answer = await uploadText();
  expect(answer).toEqual({
    json: {
      file: {
        file_id: FIRST_FILE_ID,
        bytes: 11,
        created_at: expect.any(Number),
        filename: "book.txt",
        purpose: "t2a_async_input",
      },
    },
  });
  expect(stringify(answer)).toContain('"file_id":9007199254740993,');
  expect(store.get(FIRST_FILE_ID)).toMatchObject({ filename: "book.txt", bytes: 11 });
});

it("listFiles answers the files of one purpose from the enum, given once", async () => {
  await uploadText("a");
  await uploadText("b", "voice_clone").catch(() => undefined); // a .txt is no voice: refused, not stored
  await uploadText("c");
  const listed = await call("listFiles", { query: "?purpose=t2a_async_input" });
  expect("json" in listed && (listed.json["files"] as { file_id: bigint }[]).map((f) => f.file_id)).toEqual([
    FIRST_FILE_ID,
    FIRST_FILE_ID + 1n,
  ]);
  expect(await call("listFiles", { query: "?purpose=voice_clone" })).toEqual({ json: { files: [] } });
  expect(await refusalOf(call("listFiles", { query: "?purpose=fine-tune" }))).toBe(
    `2013 invalid params, purpose must be one of ${LIST_PURPOSES.join(", ")}`,
  );
  expect(await refusalOf(call("listFiles"))).toBe("2013 invalid params, purpose is required");
  expect(await refusalOf(call("listFiles", { query: "?purpose=voice_clone&purpose=voice_clone" }))).toBe(
    "2013 invalid params, purpose is given 2 times",
  );
});

it("retrieveFile reads file_id by the int64 rule; a valid id it does not hold is 'file not found'", async () => {
  await uploadText();
  expect(await call("retrieveFile", { query: `?file_id=${FIRST_FILE_ID}` })).toMatchObject({
    json: { file: { file_id: FIRST_FILE_ID, filename: "book.txt" } },
  });
  expect(await refusalOf(call("retrieveFile", { query: "?file_id=01" }))).toBe(
    '2013 invalid params, file_id "01" is not an integer in decimal (digits, "-" for a negative one, no leading zero)',
  );
  expect(await refusalOf(call("retrieveFile", { query: "?file_id=9223372036854775808" }))).toBe(
    "2013 invalid params, file_id 9223372036854775808 is outside int64",
  );
  expect(await refusalOf(call("retrieveFile", { query: "?file_id=-1" }))).toBe("2013 file not found: -1");
  expect(await refusalOf(call("retrieveFile"))).toBe("2013 invalid params, file_id is required");
});

it("retrieveFileContent answers the stored file and a stream of its bytes", async () => {
  await uploadText("the whole text");
  const answer = await call("retrieveFileContent", { query: `?file_id=${FIRST_FILE_ID}` });
  if (!("content" in answer)) throw new Error("no file answer");
  expect(answer.file).toMatchObject({ id: FIRST_FILE_ID, bytes: 14 });
  const chunks: Buffer[] = [];
  for await (const chunk of answer.content) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe("the whole text");
  expect(await refusalOf(call("retrieveFileContent", { query: `?file_id=${FIRST_FILE_ID + 1n}` }))).toBe(
    `2013 file not found: ${FIRST_FILE_ID + 1n}`,
  );
});

it("deleteFile removes a file given its id and its own purpose, and answers the id", async () => {
  await uploadText();
  expect(await refusalOf(remove(`{"file_id":${FIRST_FILE_ID},"purpose":"voice_clone"}`))).toBe(
    "2013 invalid params, purpose voice_clone is not the file's purpose",
  );
  expect(store.list("t2a_async_input")).toHaveLength(1);
  expect(await remove(`{"file_id":${FIRST_FILE_ID}.0,"purpose":"t2a_async_input"}`)).toEqual({
    json: { file_id: FIRST_FILE_ID },
  });
  expect(store.list("t2a_async_input")).toEqual([]);
  expect(seen.at(-1)!.body).toBe(`{"file_id":${FIRST_FILE_ID}.0,"purpose":"t2a_async_input"}`);
  expect(await refusalOf(remove(`{"file_id":${FIRST_FILE_ID},"purpose":"t2a_async_input"}`))).toBe(
    `2013 file not found: ${FIRST_FILE_ID}`,
  );
});

it("deleteFile refuses a body that is not a JSON object with an int64 file_id and a purpose from the enum", async () => {
  expect(await refusalOf(remove("{", { "content-type": "text/plain" }))).toBe(
    "2013 invalid params, the body must be application/json",
  );
  expect(seen.at(-1)!).toMatchObject({
    unreadBody: 'Content-Type "text/plain" is not one the spec documents (application/json)',
  });
  expect(seen.at(-1)!.body).toBeUndefined();
  expect(await refusalOf(remove('{"file_id":01}'))).toBe("2013 invalid params, the body must be JSON");
  expect(await refusalOf(remove("[1]"))).toBe("2013 invalid params, the body must be a JSON object");
  expect(await refusalOf(remove('{"file_id":"7","purpose":"voice_clone"}'))).toBe(
    '2013 invalid params, file_id must be an integer, not the string "7"',
  );
  expect(await refusalOf(remove('{"file_id":7,"purpose":"fine-tune"}'))).toBe(
    `2013 invalid params, purpose must be one of ${DELETE_PURPOSES.join(", ")}`,
  );
});

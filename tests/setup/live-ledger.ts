// Loaded only by `npm run test:live` (scripts/test-live.mjs passes it to Jest as
// --setupFilesAfterEnv): every upload the suite gets an answer to, and every delete that succeeds,
// is written to the run's ledger (CONTRACT_LIVE_LEDGER) before the test sees the answer. The
// script deletes whatever the ledger still holds once Jest has exited, so a case that forgets its
// cleanup, or a Jest that was killed before its afterAll ran, leaves nothing on the account.
//
// It listens where requests leave, whichever test file or helper made them: the client's default
// transport (src/node-transport.ts, which MiniMaxFiles and the contract clients use unless given a
// `fetch`) and the global fetch (what a test's own `fetch` option usually calls). Setup files share
// the test file's module registry, so the transport module patched here is the one the test loads.
import { isLosslessNumber, parse } from "lossless-json";
import type { FetchLike } from "../../src/core/options";

const { appendLedger } = require("../../scripts/lib/live.cjs") as {
  appendLedger: (file: string, entry: Record<string, unknown>) => void;
};
const transport = require("../../src/http/node-transport") as { createDefaultTransport: () => FetchLike };

const ledger = process.env["CONTRACT_LIVE_LEDGER"];
const target = (process.env["CONTRACT_TARGET"] ?? "").replace(/\/+$/, "");

type Json = { [key: string]: unknown };
/** A JSON object, numbers kept as their text so that an int64 id keeps every digit. */
function objectOf(text: string): Json | undefined {
  try {
    const value = parse(text, null, (digits) => digits);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
const idText = (value: unknown) =>
  isLosslessNumber(value) || typeof value === "string" || typeof value === "number" ? String(value) : undefined;
const succeeded = (body: Json) =>
  body["base_resp"] === undefined || String((body["base_resp"] as Json | null)?.["status_code"]) === "0";

function currentTest(): string {
  const { testPath, currentTestName } = expect.getState();
  const file = testPath ? testPath.slice(testPath.lastIndexOf("/tests/") + 1) : "?";
  return currentTestName ? `${file} › ${currentTestName}` : `${file} (outside a test)`;
}

async function note(kind: "upload" | "delete", sent: Request | undefined, response: Response): Promise<void> {
  if (!response.ok) return;
  const body = objectOf(await response.clone().text());
  if (!body || !succeeded(body)) return;
  if (kind === "upload") {
    const file = body["file"] as Json | undefined;
    const purpose = file?.["purpose"];
    // Also an answer that does not name the file: the script reports it as one it cannot delete.
    appendLedger(ledger!, {
      event: "uploaded",
      target,
      file_id: idText(file?.["file_id"]) ?? null,
      purpose: typeof purpose === "string" ? purpose : null,
      test: currentTest(),
    });
  } else {
    const id = idText(objectOf(await sent!.text())?.["file_id"]);
    if (id !== undefined) appendLedger(ledger!, { event: "deleted", target, file_id: id });
  }
}

function withLedger(send: FetchLike): FetchLike {
  return async (request) => {
    const { pathname } = new URL(request.url);
    const ours = request.method === "POST" && request.url.startsWith(`${target}/`);
    const kind = !ours
      ? undefined
      : pathname.endsWith("/v1/files/upload")
        ? "upload"
        : pathname.endsWith("/v1/files/delete")
          ? "delete"
          : undefined;
    if (!kind) return send(request);
    // A delete's small JSON body is copied. An upload's is not: a clone would tee the multipart
    // stream that the transport sends from its chunks, and its answer names the file and purpose.
    const sent = kind === "delete" ? request.clone() : undefined;
    const response = await send(request);
    try {
      await note(kind, sent, response);
    } catch (error) {
      // A safety net that failed must not fail the case, but it must show.
      process.stderr.write(
        `live ledger: could not record a ${kind} (${error instanceof Error ? error.message : String(error)})\n`,
      );
    }
    return response;
  };
}

if (ledger && target) {
  const createDefaultTransport = transport.createDefaultTransport;
  transport.createDefaultTransport = () => withLedger(createDefaultTransport());
  const globalFetch = globalThis.fetch;
  const ledgered = withLedger((request) => globalFetch(request));
  globalThis.fetch = (input, init) =>
    ledgered(input instanceof Request && init === undefined ? input : new Request(input, init));
}

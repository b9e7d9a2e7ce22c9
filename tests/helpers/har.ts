// The contract suite's exchanges as a HAR 1.2 file (`npm run contract -- --har <file>`, and
// `npm run test:live -- --har <file>`), for `npm run drift` to judge again later without calling
// the target. Written with every form of the key masked (redactorFor) and the Authorization header
// replaced whole. Each test file writes its entries to this run's parts folder
// (CONTRACT_HAR_PARTS, set by tests/setup/har-reporter.cjs), which the reporter merges.
import fs from "node:fs";
import path from "node:path";

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: {
      mimeType: string;
      text?: string;
      params?: { name: string; value?: string; fileName?: string; contentType?: string; _bytes?: number }[];
    };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; encoding?: "base64" };
    redirectURL: "";
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** A request changed on purpose to break the spec (negative cases): drift judges only its answer. */
  _invalidRequest?: true;
}

const partsFolder = process.env["CONTRACT_HAR_PARTS"];
/** What the Authorization header's credential becomes. */
export const MASKED_TOKEN = "REDACTED";
/** The largest request body written out as text. */
const MAX_TEXT = 1024 * 1024;
const entries: HarEntry[] = [];

/** Whether this run writes a HAR. */
export const harWanted = partsFolder !== undefined;

if (partsFolder)
  afterAll(() => {
    if (entries.length === 0) return;
    fs.mkdirSync(partsFolder, { recursive: true });
    const name = `${path.basename(expect.getState().testPath ?? "tests")}-${process.pid}-${Date.now()}.json`;
    fs.writeFileSync(path.join(partsFolder, name), JSON.stringify(entries));
    entries.length = 0;
  });

const headerList = (headers: Headers, redact: (text: string) => string): HarNameValue[] =>
  [...headers].map(([name, value]) => ({
    name,
    // Still token-shaped (a scheme and a token68), so a tool that checks the scheme reads it as sent.
    value: name === "authorization" ? `${value.split(" ")[0]} ${MASKED_TOKEN}` : redact(value),
  }));

const media = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
const isText = (type: string) => type === "application/json" || type.endsWith("+json") || type.startsWith("text/");
const utf8 = new TextDecoder("utf-8", { fatal: true });
const textOf = (bytes: Uint8Array): string | undefined => {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
};

/** One exchange as a HAR entry, masked. `params` are the multipart fields as the suite parsed them. */
export function recordHarEntry(
  exchange: {
    started: Date;
    ms: number;
    request: Request;
    requestBytes: Uint8Array | undefined;
    form: Record<string, string | { filename: string; type: string; bytes: number }> | undefined;
    response: Response;
    responseBytes: Uint8Array;
    invalid: boolean;
  },
  redact: (text: string) => string,
): void {
  const url = new URL(redact(exchange.request.url));
  const requestType = media(exchange.request.headers);
  // A multipart body with a binary file as Latin-1 (one character per byte, so the parts and their
  // boundaries read as sent): HAR's postData has no encoding, and drift reads the text. A body past
  // MAX_TEXT keeps only its params.
  const bytes = exchange.requestBytes;
  const requestText =
    bytes === undefined || bytes.byteLength > MAX_TEXT
      ? undefined
      : (textOf(bytes) ?? (requestType === "multipart/form-data" ? Buffer.from(bytes).toString("latin1") : undefined));
  const responseType = media(exchange.response.headers);
  const responseText = isText(responseType) ? textOf(exchange.responseBytes) : undefined;
  entries.push({
    startedDateTime: exchange.started.toISOString(),
    time: exchange.ms,
    request: {
      method: exchange.request.method,
      url: url.href,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headerList(exchange.request.headers, redact),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(exchange.requestBytes && {
        postData: {
          mimeType: exchange.request.headers.get("content-type") ?? "",
          ...(requestText !== undefined && { text: redact(requestText) }),
          ...(requestType === "multipart/form-data" &&
            exchange.form && {
              params: Object.entries(exchange.form).map(([name, part]) =>
                typeof part === "string"
                  ? { name, value: redact(part) }
                  : { name, fileName: redact(part.filename), contentType: part.type, _bytes: part.bytes },
              ),
            }),
        },
      }),
      headersSize: -1,
      bodySize: exchange.requestBytes?.byteLength ?? 0,
    },
    response: {
      status: exchange.response.status,
      statusText: exchange.response.statusText,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headerList(exchange.response.headers, redact),
      content: {
        size: exchange.responseBytes.byteLength,
        mimeType: exchange.response.headers.get("content-type") ?? "",
        ...(responseText !== undefined
          ? { text: redact(responseText) }
          : { text: Buffer.from(exchange.responseBytes).toString("base64"), encoding: "base64" as const }),
      },
      redirectURL: "",
      headersSize: -1,
      bodySize: exchange.responseBytes.byteLength,
    },
    cache: {},
    timings: { send: 0, wait: exchange.ms, receive: 0 },
    ...(exchange.invalid && { _invalidRequest: true as const }),
  });
}

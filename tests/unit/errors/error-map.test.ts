// Property tests for the error mapping (fast-check, fixed seed printed in the suite name).
import fc from "fast-check";
import {
  BUSINESS_CODES,
  HTTP_STATUSES,
  MiniMaxAPIError,
  MiniMaxConnectionError,
  MiniMaxError,
  UnprocessableEntityError,
} from "../../../src";
import { apiErrorFor, ERROR_CLASS_BY_KIND, infoFor } from "../../../src/errors/error-map";
import { isRetryable } from "../../../src/core/retry";
import { checkBaseResp } from "../../../src/http/response";
import { createRedactor } from "../../../src/errors/redact";
import { SEED } from "../../helpers/seed";
import { fresh } from "../../helpers/fresh";

const details = {
  operation: "listFiles",
  request: { method: "GET", url: "https://api.minimax.io/v1/files/list" },
  traceId: "t-1",
  retryAfter: undefined,
  body: undefined,
};
const documented = Object.keys(BUSINESS_CODES).map(Number);
const anyCode = fc.oneof(
  fc.constantFrom(...documented),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((c) => c !== 0),
);
const upload = { idempotent: false, replayable: true };
const list = { idempotent: true, replayable: true };

describe(`error mapping (fast-check seed ${SEED})`, () => {
  it("a business code gets the class of its documented kind (unknown codes: MiniMaxAPIError), never retryable unless documented so", () => {
    fc.assert(
      fc.property(anyCode, (code) => {
        const error = apiErrorFor({ ...details, status: 200, statusCode: code, statusMsg: undefined });
        const info = BUSINESS_CODES[code];
        expect(error.constructor).toBe(ERROR_CLASS_BY_KIND[info?.kind ?? "unknown"]);
        expect(error).toBeInstanceOf(MiniMaxError);
        expect(error.statusCode).toBe(code);
        expect(error.retryable).toBe(info !== undefined && info.retry !== "never");
        expect(error.remedy).toBe(infoFor(200, code).remedy);
        expect(error.message).not.toContain("\n");
        expect(error.message).toContain(`MiniMax status ${code}`);
      }),
    );
  });

  it("the message is one line whatever the server's message holds, and keeps its words", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyCode, fc.constant(undefined)),
        fc.integer({ min: 200, max: 599 }),
        fc.string({ unit: "grapheme" }),
        (code, status, statusMsg) => {
          const error = apiErrorFor({ ...details, status, statusCode: code, statusMsg });
          expect(error.message).not.toMatch(/[\r\n\u2028\u2029]/);
          for (const word of statusMsg.split(/\s+/).filter(Boolean)) expect(error.message).toContain(word);
          expect(error.statusMsg).toBe(statusMsg || infoFor(status, code).meaning);
        },
      ),
    );
  });

  it("an HTTP status gets its class: documented ones by table, 422 with validation, other 5xx server, other 4xx MiniMaxAPIError", () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), (status) => {
        const error = apiErrorFor({ ...details, status, statusCode: undefined, statusMsg: undefined });
        const kind = HTTP_STATUSES[status]?.kind ?? (status >= 500 ? "server" : "unknown");
        expect(error).toBeInstanceOf(status === 422 ? UnprocessableEntityError : ERROR_CLASS_BY_KIND[kind]);
        expect(error.status).toBe(status);
        expect(error.message).toContain(`HTTP ${status}`);
        expect(error.retryable).toBe(status >= 500 || [408, 429].includes(status));
      }),
    );
  });

  it("an upload is retried only on 'not processed' answers; idempotent calls on every retryable one", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyCode.map((c) => [200, c] as const),
          fc.integer({ min: 400, max: 599 }).map((s) => [s, undefined] as const),
        ),
        ([status, code]) => {
          const error = apiErrorFor({ ...details, status, statusCode: code, statusMsg: undefined });
          const rule = infoFor(status, code).retry;
          expect(isRetryable(error, upload)).toBe(rule === "always");
          expect(isRetryable(error, list)).toBe(rule !== "never");
          expect(isRetryable(error, { idempotent: true, replayable: false })).toBe(false);
        },
      ),
    );
  });

  it("a connection failure is retried for an upload only when nothing was sent", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (requestSent, idempotent) => {
        const error = new MiniMaxConnectionError({ ...details, requestSent, reason: "reset" }, { cause: undefined });
        expect(isRetryable(error, { idempotent, replayable: true })).toBe(!requestSent || idempotent);
      }),
    );
  });

  it("base_resp.status_code as a number or a numeric string gives the same error; 0 and '0' are success", () => {
    const response = new Response(null, { headers: { "trace-id": "t-2" } });
    const redact = createRedactor("sk-0123456789");
    const ctx = { ...details, status: 200 };
    const outcome = (code: unknown) => {
      try {
        checkBaseResp({ base_resp: { status_code: code } }, response, () => ctx, redact);
        return "success";
      } catch (e) {
        return e instanceof MiniMaxAPIError ? `${e.name}:${e.statusCode}` : (e as Error).name;
      }
    };
    fc.assert(
      fc.property(fc.oneof(anyCode, fc.constant(0)), (code) => {
        expect(outcome(String(code))).toBe(outcome(code));
        expect(outcome(code)).toBe(
          code === 0
            ? "success"
            : `${apiErrorFor({ ...details, status: 200, statusCode: code, statusMsg: undefined }).name}:${code}`,
        );
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double().filter((d) => !Number.isInteger(d)),
          fc.string().filter((s) => !/^\s*-?\d+\s*$/.test(s)),
          fc.constant(null),
          fc.boolean(),
        ),
        (bad) => {
          expect(outcome(bad)).toBe("MiniMaxResponseError");
        },
      ),
    );
  });
});

it("base_resp codes decide only for 2xx answers that carry one", () => {
  // A 3xx that reached the mapper is an unexpected HTTP status, whatever its body says.
  expect(infoFor(300, 1004)).toBe(infoFor(300, undefined));
  expect(infoFor(300, 1004).kind).toBe("unknown");
  expect(infoFor(299, 1004).kind).toBe("authentication");
  // A 2xx failure without a code is not an "undocumented business code".
  expect(infoFor(200, undefined).meaning).not.toBe(infoFor(200, 987654).meaning);
});

describe("fallbacks", () => {
  // What an error says when its status or code has no entry of its own: still a meaning and a
  // remedy, in the message and on the error.
  type ErrorMap = typeof import("../../../src/errors/error-map");
  // The fallbacks are top-level code: loaded in each test (see tests/helpers/fresh.ts).
  let apiErrorFor: ErrorMap["apiErrorFor"];
  beforeEach(() => {
    ({ apiErrorFor } = fresh(() => require("../../../src/errors/error-map") as ErrorMap));
  });

  const details = {
    operation: "listFiles",
    request: { method: "GET", url: "https://api.minimax.io/v1/files/list" },
    traceId: undefined,
    retryAfter: undefined,
    body: undefined,
    statusMsg: undefined,
  };

  it.each([
    ["an undocumented 5xx", 502, undefined, "server error", /retry your requests later/],
    ["an undocumented 4xx", 418, undefined, "unexpected HTTP status", /response body/],
    ["an undocumented business code", 200, 987654, "undocumented status code", /error-code list.*Trace-Id/],
  ])("%s says what it is and what to do", (_, status, statusCode, meaning, remedy) => {
    const error = apiErrorFor({ ...details, status, statusCode });
    expect(error.statusMsg).toBe(meaning);
    expect(error.message).toContain(meaning);
    expect(error.remedy).toMatch(remedy);
  });
});

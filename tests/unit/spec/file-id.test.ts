// Property tests for int64 id parsing and formatting (fast-check, fixed seed printed in the name).
import fc from "fast-check";
import { fresh } from "../../helpers/fresh";
import { SEED } from "../../helpers/seed";

// json.ts's id pattern is top-level code: the modules are loaded in each test (see
// tests/helpers/fresh.ts), all from one registry so that classes compare.
let MiniMaxInputError: typeof import("../../../src").MiniMaxInputError;
let toFileId: typeof import("../../../src/spec/file-id").toFileId;
let parseJson: typeof import("../../../src/http/json").parseJson;
let stringifyJson: typeof import("../../../src/http/json").stringifyJson;
beforeEach(() => {
  ({ MiniMaxInputError, toFileId, parseJson, stringifyJson } = fresh(() => ({
    ...(require("../../../src/errors") as typeof import("../../../src/errors")),
    ...(require("../../../src/spec/file-id") as typeof import("../../../src/spec/file-id")),
    ...(require("../../../src/http/json") as typeof import("../../../src/http/json")),
  })));
});

const INT64_MAX = 2n ** 63n - 1n;
const int64Id = fc.bigInt({ min: 1n, max: INT64_MAX });

describe(`file ids (fast-check seed ${SEED})`, () => {
  it("any int64 id in a response comes out as its exact decimal string", () => {
    fc.assert(
      fc.property(int64Id, fc.integer({ min: 0, max: 2 ** 40 }), (id, bytes) => {
        const parsed = parseJson(`{"file":{"file_id":${id},"bytes":${bytes}},"files":[{"file_id":${id}}]}`) as {
          file: { file_id: unknown; bytes: unknown };
          files: Array<{ file_id: unknown }>;
        };
        expect(parsed.file.file_id).toBe(id.toString());
        expect(parsed.files[0]!.file_id).toBe(id.toString());
        expect(parsed.file.bytes).toBe(bytes); // other numbers stay numbers
      }),
    );
  });

  it("string, bigint and safe-number inputs of the same id agree, and round-trip through a request body", () => {
    fc.assert(
      fc.property(int64Id, (id) => {
        const canonical = toFileId(id);
        expect(canonical).toBe(id.toString());
        expect(toFileId(id.toString())).toBe(canonical);
        if (id <= BigInt(Number.MAX_SAFE_INTEGER)) expect(toFileId(Number(id))).toBe(canonical);
        const body = stringifyJson({ file_id: canonical, purpose: "voice_clone" });
        expect(body).toBe(`{"file_id":${canonical},"purpose":"voice_clone"}`);
        expect((parseJson(body) as { file_id: string }).file_id).toBe(canonical);
      }),
    );
  });

  it("anything that is not a positive int64 is a MiniMaxInputError naming the input", () => {
    const notAnId = fc.oneof(
      fc.string().filter((s) => !/^[1-9]\d*$/.test(s) || BigInt(s) > INT64_MAX),
      fc.bigInt().filter((b) => b <= 0n || b > INT64_MAX),
      fc.double().filter((d) => !Number.isSafeInteger(d) || d <= 0),
      fc.constantFrom(null, undefined, true, {}, [], Symbol.iterator),
    );
    fc.assert(
      fc.property(notAnId, (value) => {
        expect(() => toFileId(value, "fileId")).toThrow(MiniMaxInputError);
        expect(() => toFileId(value, "fileId")).toThrow(expect.objectContaining({ input: "fileId" }));
      }),
    );
  });

  it("a response id that is not an integer is refused, never rounded or guessed", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double().filter((d) => Number.isFinite(d) && !Number.isInteger(d)),
          fc.string().filter((s) => !/^-?(0|[1-9]\d*)$/.test(s)),
          fc.boolean(),
        ),
        (bad) => {
          expect(() => parseJson(JSON.stringify({ file_id: bad }))).toThrow(/not an integer id/);
        },
      ),
    );
  });
});

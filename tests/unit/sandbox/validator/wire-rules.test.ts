// What the sandbox and the validator both call valid (src/sandbox/validator/wire-rules.ts). That
// the two agree on every value over a real socket is tests/sandbox/agreement.test.ts; here, what
// each rule makes of the values at its edges.
import { LosslessNumber, parse } from "lossless-json";
import { operationAt } from "../../../../src/sandbox/validator/spec-index";
import {
  isBearerToken,
  numericQueryProblem,
  readBearer,
  readInt64Json,
  readInt64Query,
  requestMediaProblem,
} from "../../../../src/sandbox/validator/wire-rules";

describe("readBearer (RFC 6750 §2.1)", () => {
  it.each([
    ["Bearer sk-abc", "sk-abc"],
    ["bearer sk-abc", "sk-abc"], // the scheme in any case
    ["BEARER   sk-abc", "sk-abc"], // 1*SP
    ["  Bearer a.b_c~d+e/f==\t", "a.b_c~d+e/f=="], // spaces and tabs around the value are not part of it
  ])("%j gives the token %j", (header, token) => {
    expect(readBearer(header)).toEqual({ ok: true, value: token });
  });
  it.each(["Bearer\tsk-abc", "Bearer sk abc", "Basic sk-abc", "Bearer ", "Bearer sk=abc", "sk-abc"])(
    "%j is not a bearer credential",
    (header) => {
      expect(readBearer(header)).toEqual({ ok: false, problem: "is not `Bearer <token>`" });
    },
  );
  it("a missing header is missing; repeated headers are read as one list, which is no token", () => {
    expect(readBearer(undefined)).toEqual({ ok: false, problem: "is missing" });
    expect(readBearer(["Bearer a", "Bearer b"])).toEqual({ ok: false, problem: "is not `Bearer <token>`" });
    expect(readBearer(["Bearer a"])).toEqual({ ok: true, value: "a" });
  });
  it("isBearerToken: whether a key can be sent as one", () => {
    expect(isBearerToken("sandbox-key")).toBe(true);
    expect(isBearerToken("a==")).toBe(true);
    expect(isBearerToken("a b")).toBe(false);
    expect(isBearerToken("=a")).toBe(false);
    expect(isBearerToken("")).toBe(false);
  });
});

it("readInt64Query takes decimal digits within int64 only", () => {
  expect(readInt64Query("9007199254740993")).toEqual({ ok: true, value: 9007199254740993n });
  expect(readInt64Query("-9223372036854775808")).toEqual({ ok: true, value: -(2n ** 63n) });
  expect(readInt64Query("0")).toEqual({ ok: true, value: 0n });
  expect(readInt64Query("9223372036854775808")).toEqual({ ok: false, problem: "9223372036854775808 is outside int64" });
  for (const text of ["01", "-0", "+1", "1e3", "1.0", " 1", ""])
    expect(readInt64Query(text)).toEqual({
      ok: false,
      problem: `${JSON.stringify(text)} is not an integer in decimal (digits, "-" for a negative one, no leading zero)`,
    });
});

it("readInt64Json takes any JSON number whose value is an integer within int64, and says why not for anything else", () => {
  const field = (literal: string) => (parse(`{"v":${literal}}`) as { v: unknown }).v;
  expect(readInt64Json(field("9007199254740993"))).toEqual({ ok: true, value: 9007199254740993n });
  expect(readInt64Json(field("1e3"))).toEqual({ ok: true, value: 1000n });
  expect(readInt64Json(field("9223372036854775807.0"))).toEqual({ ok: true, value: 2n ** 63n - 1n });
  expect(readInt64Json(field("9223372036854775808"))).toEqual({
    ok: false,
    problem: "9223372036854775808 is outside int64",
  });
  expect(readInt64Json(field("1e400"))).toEqual({ ok: false, problem: "1e400 is outside int64" });
  expect(readInt64Json(field("1.5"))).toEqual({ ok: false, problem: "must be an integer, not 1.5" });
  expect(readInt64Json(field('"7"'))).toEqual({ ok: false, problem: 'must be an integer, not the string "7"' });
  expect(readInt64Json(field("null"))).toEqual({ ok: false, problem: "must be an integer, not null" });
  expect(readInt64Json(field("[1]"))).toEqual({ ok: false, problem: "must be an integer, not an array" });
  expect(readInt64Json(field("{}"))).toEqual({ ok: false, problem: "must be an integer, not an object" });
  expect(readInt64Json(field("true"))).toEqual({ ok: false, problem: "must be an integer, not the boolean true" });
  expect(readInt64Json(undefined)).toEqual({ ok: false, problem: "is missing" });
  expect(readInt64Json(7)).toEqual({ ok: false, problem: "must be an integer, not the number 7" }); // a JS number lost its text
  expect(readInt64Json(new LosslessNumber("7"))).toEqual({ ok: true, value: 7n });
});

it("numericQueryProblem: int64 by readInt64Query, other integer formats by syntax only, numbers as JSON numbers", () => {
  expect(numericQueryProblem({ type: "integer", format: "int64" }, "9223372036854775808")).toBe(
    "9223372036854775808 is outside int64",
  );
  expect(numericQueryProblem({ type: "integer", format: "int32" }, "9223372036854775808")).toBeUndefined(); // its range is Ajv's to judge
  expect(numericQueryProblem({ type: "integer" }, "1.0")).toMatch(/^"1\.0" is not an integer in decimal/);
  expect(numericQueryProblem({ type: "number" }, "2.5e1")).toBeUndefined();
  expect(numericQueryProblem({ type: "number" }, "abc")).toBe('"abc" is not a number');
  expect(numericQueryProblem({ type: "string" }, "abc")).toBeUndefined();
});

it("requestMediaProblem: a Content-Type the operation's requestBody documents, parameters and case aside", () => {
  const upload = operationAt("POST /v1/files/upload");
  const remove = operationAt("POST /v1/files/delete");
  expect(requestMediaProblem(upload, "multipart/form-data; boundary=x")).toBeUndefined();
  expect(requestMediaProblem(remove, "Application/JSON")).toBeUndefined();
  expect(requestMediaProblem(upload, "application/json")).toBe(
    'Content-Type "application/json" is not one the spec documents (multipart/form-data)',
  );
  expect(requestMediaProblem(remove, undefined)).toBe(
    'Content-Type "" is not one the spec documents (application/json)',
  );
  expect(requestMediaProblem(operationAt("GET /v1/files/list"), "application/json")).toBe(
    'Content-Type "application/json" is not one the spec documents ()',
  );
});

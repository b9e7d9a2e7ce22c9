// Redaction in isolation: which text and which fields, and what stays untouched.
import { inspect } from "node:util";
import { fresh } from "../../helpers/fresh";

const KEY = "sk-live-0123456789";
// The module's patterns are top-level code: loaded in each test (see tests/helpers/fresh.ts).
let createRedactor: typeof import("../../../src/errors/redact").createRedactor;
let MIN_SECRET_LENGTH: number;
let REDACTED: string;
let r: ReturnType<typeof createRedactor>;
beforeEach(() => {
  ({ createRedactor, MIN_SECRET_LENGTH, REDACTED } = fresh(
    () => require("../../../src/errors/redact") as typeof import("../../../src/errors/redact"),
  ));
  r = createRedactor(KEY);
});

it("replaces Bearer values of any token, and the key itself", () => {
  expect(REDACTED).toBe("[REDACTED]");
  expect(r.text(`Authorization: Bearer abc.def, other`)).toBe("Authorization: Bearer [REDACTED], other");
  expect(r.text(`bearer\tXYZ;rest`)).toBe("bearer [REDACTED];rest");
  expect(r.text(`Bearer \t  spaced.token rest`)).toBe("Bearer [REDACTED] rest");
  expect(r.text(`key=${KEY}&x=1`)).toBe("key=[REDACTED]&x=1");
  expect(r.text("Bearer")).toBe("Bearer");
  expect(r.text("no secrets here: 127.0.0.1")).toBe("no secrets here: 127.0.0.1");
});

it("searches for the key as a substring only when it is at least MIN_SECRET_LENGTH long", () => {
  expect(MIN_SECRET_LENGTH).toBe(8);
  expect(createRedactor("1234567").text("x1234567x")).toBe("x1234567x");
  expect(createRedactor("12345678").text("x12345678x")).toBe("x[REDACTED]x");
});

it.each([
  "authorization",
  "Authorization",
  "proxy-authorization",
  "api_key",
  "api-key",
  "apikey",
  "API_KEY",
  "x-api-key",
  "token",
  "access_token",
  "access-token",
  "accessToken",
])("replaces the value of a field named %s", (field) => {
  expect(r.value({ [field]: "anything", keep: "me" })).toEqual({ [field]: REDACTED, keep: "me" });
});

it.each(["tokens", "my_token", "authorization_url", "apikeys", "x-api-key-id"])(
  "leaves a field named %s alone",
  (field) => {
    expect(r.value({ [field]: "value" })).toEqual({ [field]: "value" });
  },
);

it("copies deeply, redacting inside arrays, nested objects and keys, and leaves empty credential fields and non-plain objects alone", () => {
  const date = new Date(0);
  const input = { list: [`Bearer t1`, { authorization: null }, { token: "" }], [`k-${KEY}`]: 1, n: 5, when: date };
  const out = r.value(input);
  expect(out).toEqual({
    list: ["Bearer [REDACTED]", { authorization: null }, { token: "" }],
    "k-[REDACTED]": 1,
    n: 5,
    when: date,
  });
  expect(out.when).toBe(date);
  expect(input.list[0]).toBe("Bearer t1"); // the input is not changed
});

it("keeps a clean cause as it is; replaces one that carries a credential with a stand-in keeping name and code", () => {
  const clean = Object.assign(new TypeError("fetch failed"), { code: "ECONNRESET" });
  expect(r.cause(clean)).toBe(clean);
  const dirty = Object.assign(new TypeError(`refused Bearer ${KEY}`), { code: "EPROXY" });
  const stand = r.cause(dirty) as Error & { code?: string };
  expect(stand).not.toBe(dirty);
  expect({ name: stand.name, message: stand.message, code: stand.code }).toEqual({
    name: "TypeError",
    message: "refused Bearer [REDACTED]",
    code: "EPROXY",
  });
  const nested = r.cause(
    new Error("outer", { cause: Object.assign(new Error(`inner ${KEY}`), { code: "EINNER" }) }),
  ) as Error & { code?: string };
  expect({ message: nested.message, code: nested.code }).toEqual({ message: "outer", code: "EINNER" });
  expect(inspect(nested)).not.toContain(KEY);
  expect(r.cause(`a string with ${KEY}`)).toMatchObject({ message: "a string with [REDACTED]" });
  expect(Object.hasOwn(r.cause(`a string with ${KEY}`) as object, "code")).toBe(false); // no code invented
  // A key buried deeper than util.inspect's default depth (2) is still found.
  const deep = new Error("l0", {
    cause: new Error("l1", { cause: new Error("l2", { cause: new Error("l3", { cause: new Error(`l4 ${KEY}`) }) }) }),
  });
  expect(r.cause(deep)).not.toBe(deep);
  expect(inspect(r.cause(deep), { depth: 10 })).not.toContain(KEY);
});

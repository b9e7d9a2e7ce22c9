// The negative-case generator (tests/helpers/negative-cases.ts): its cases follow the spec it is
// given. Each test feeds it a modified copy of the effective spec and compares the cases with
// those of the unmodified one; and every case of the real spec, applied to the request the client
// sends, is judged a spec violation by the contract suite's validator (offline: nothing is sent).
import spec from "../../generated/openapi.json";
import { MiniMaxFiles } from "../../src";
import { SPEC_OPERATIONS, type SpecOperation } from "../../src/sandbox/validator";
import { recordExchange, validateExchange } from "../helpers/contract";
import {
  applyCase,
  BASE_CALLS,
  negativeCases,
  type NegativeCase,
  type OperationCases,
} from "../helpers/negative-cases";

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const copy = (): Json => JSON.parse(JSON.stringify(spec)) as Json;

/** The node at `keys` below `from` in `doc`, following $refs (so the copy is edited where the schema is defined). */
function at(doc: Json, from: unknown, ...keys: string[]): Json {
  const follow = (node: unknown): unknown => {
    while (isObject(node) && typeof node["$ref"] === "string")
      node = node["$ref"]
        .slice(2)
        .split("/")
        .reduce<unknown>((n, t) => (isObject(n) ? n[t.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
    return node;
  };
  let node = follow(from);
  for (const key of keys) {
    node = follow(isObject(node) ? node[key] : undefined);
    if (!isObject(node)) throw new Error(`no object at ${keys.join(" › ")}`);
  }
  return node as Json;
}

/** Where operation `id` is defined in the spec: its path and method. */
function locate(id: string): { path: string; method: string } {
  const op = [...SPEC_OPERATIONS.values()].find((o) => o.operationId === id);
  if (!op) throw new Error(`the spec has no operation ${id}`);
  return { path: op.path, method: op.method.toLowerCase() };
}
const operationIn = (doc: Json, id: string): Json => {
  const { path, method } = locate(id);
  return at(doc, doc, "paths", path, method);
};

/** The properties of each body an operation documents, with the location the generator gives them. */
const bodyProperties = (op: SpecOperation) =>
  Object.entries(isObject(op.requestBody?.["content"]) ? op.requestBody["content"] : {}).flatMap(([media, value]) => {
    const schema = isObject(value) && isObject(value["schema"]) ? value["schema"] : {};
    const properties = isObject(schema["properties"]) ? schema["properties"] : {};
    return [{ location: media === "multipart/form-data" ? "multipart" : "json", properties }];
  });
const enumOf = (schema: Json): unknown[] => (Array.isArray(schema["enum"]) ? schema["enum"] : []);

const casesOf = (doc: unknown, id: string): NegativeCase[] =>
  negativeCases(doc).find((o) => o.operation === id)?.cases ?? [];
const byTitle = (cases: readonly NegativeCase[]) => new Map(cases.map((c) => [c.title, c]));
/** The cases of `after` that `before` lacks, and those it lost. */
function difference(before: readonly NegativeCase[], after: readonly NegativeCase[]) {
  const a = byTitle(before);
  const b = byTitle(after);
  return { added: after.filter((c) => !a.has(c.title)), removed: before.filter((c) => !b.has(c.title)) };
}

const original = negativeCases(spec);
const allCases = original.flatMap((o) => o.cases);
/** An operation with a JSON body, one with a multipart body, one with a query parameter (taken from the spec). */
const withLocation = (location: NegativeCase["location"]): OperationCases => {
  const found = original.find((o) => o.cases.some((c) => c.location === location));
  if (!found) throw new Error(`the spec has no operation with a ${location} input`);
  return found;
};

describe("the cases of the effective spec", () => {
  it("cover every operation, each with cases", () => {
    expect(original.map((o) => o.operation).sort()).toEqual(
      [...SPEC_OPERATIONS.values()].map((o) => o.operationId).sort(),
    );
    for (const op of original)
      expect({ op: op.operation, cases: op.cases.length, notApplicable: op.notApplicable }).toEqual({
        op: op.operation,
        cases: expect.any(Number),
        notApplicable: undefined,
      });
    for (const op of original) expect(op.cases.length).toBeGreaterThan(0);
  });

  it("leave out every required parameter and body property, and every required body", () => {
    for (const op of SPEC_OPERATIONS.values()) {
      const cases = casesOf(spec, op.operationId);
      const missing = new Set(
        cases
          .filter((c) => c.kind === "missing_required")
          .map((c) => `${c.location === "json" || c.location === "multipart" ? "body" : c.location}.${c.name}`),
      );
      const required = op.parameters
        .filter((p) => p["required"] === true)
        .map((p) => `${String(p["in"])}.${String(p["name"])}`);
      const content = isObject(op.requestBody?.["content"]) ? op.requestBody["content"] : {};
      for (const media of Object.values(content)) {
        const schema = isObject(media) && isObject(media["schema"]) ? media["schema"] : {};
        for (const name of Array.isArray(schema["required"]) ? schema["required"] : [])
          required.push(`body.${String(name)}`);
      }
      if (op.requestBody?.["required"] === true) required.push("body.");
      expect({ op: op.operationId, missing: [...missing].sort() }).toEqual({
        op: op.operationId,
        missing: [...new Set(required)].sort(),
      });
    }
  });

  it("give every integer a wrong type and a fraction, and every enum only values outside it", () => {
    for (const op of SPEC_OPERATIONS.values()) {
      const cases = casesOf(spec, op.operationId);
      const inputs = [
        ...op.parameters.map((p) => ({
          location: String(p["in"]),
          name: String(p["name"]),
          schema: p["schema"] as Json,
        })),
        ...bodyProperties(op).flatMap(({ location, properties }) =>
          Object.entries(properties).map(([name, schema]) => ({ location, name, schema: schema as Json })),
        ),
      ];
      for (const input of inputs.filter((i) => i.schema["type"] === "integer")) {
        const kinds = cases.filter((c) => c.name === input.name && c.location === input.location).map((c) => c.kind);
        expect({ input, kinds }).toEqual({ input, kinds: expect.arrayContaining(["wrong_type", "non_integer"]) });
      }
      for (const c of cases) {
        if (c.kind !== "outside_enum" || c.change.op !== "set") continue;
        const { value } = c.change;
        const input = inputs.find((i) => i.name === c.name && i.location === c.location)!;
        expect(enumOf(input.schema)).not.toContain(value);
        // …and each is a value another operation allows for a field of that name.
        const elsewhere = [...SPEC_OPERATIONS.values()].flatMap((o) => [
          ...o.parameters.filter((p) => p["name"] === c.name).flatMap((p) => enumOf(p["schema"] as Json)),
          ...bodyProperties(o).flatMap(({ properties }) =>
            isObject(properties[c.name]) ? enumOf(properties[c.name] as Json) : [],
          ),
        ]);
        expect(elsewhere).toContain(value);
      }
    }
  });

  it("name the operation, the mutation and the input in every title, each title once", () => {
    for (const c of allCases) expect(c.title).toMatch(new RegExp(`^${c.operation} ${c.kind} (${c.location}|body)\\b`));
    expect(new Set(allCases.map((c) => c.title)).size).toBe(allCases.length);
  });
});

describe("a modified copy of the spec changes the cases", () => {
  it("an extra enum value: the operations whose enum lacks it gain it as an outside value; the one that now allows it loses it", () => {
    const op = withLocation("multipart");
    const neighbour = op.cases.find((c) => c.kind === "outside_enum" && c.change.op === "set");
    if (neighbour?.change.op !== "set")
      throw new Error(`${op.operation} has no outside_enum value taken from another operation`);
    const doc = copy();
    const media = neighbour.media ?? "";
    const field = at(
      doc,
      operationIn(doc, op.operation),
      "requestBody",
      "content",
      media,
      "schema",
      "properties",
      neighbour.name,
    );
    (field["enum"] as string[]).push(neighbour.change.value);
    expect(difference(op.cases, casesOf(doc, op.operation))).toEqual({ added: [], removed: [neighbour] });

    // A new value for the JSON body's enum of the same field: every other operation's enum lacks it.
    const json = withLocation("json");
    const jsonField = json.cases.find((c) => c.name === neighbour.name && c.location === "json")!;
    const fresh = `${neighbour.change.value}_added_by_the_test`;
    const doc2 = copy();
    (
      at(
        doc2,
        operationIn(doc2, json.operation),
        "requestBody",
        "content",
        jsonField.media ?? "",
        "schema",
        "properties",
        neighbour.name,
      )["enum"] as string[]
    ).push(fresh);
    const after = negativeCases(doc2);
    for (const before of original) {
      const { added, removed } = difference(before.cases, after.find((o) => o.operation === before.operation)!.cases);
      expect(removed).toEqual([]);
      const hasField = before.cases.some((c) => c.name === neighbour.name && c.kind === "outside_enum");
      const expected = before.operation !== json.operation && hasField ? [fresh] : [];
      expect({
        op: before.operation,
        added: added.map((c) => (c.change.op === "set" ? c.change.value : c.title)),
      }).toEqual({ op: before.operation, added: expected });
    }
  });

  it("a new required JSON property: left out, and sent as another type", () => {
    const op = withLocation("json");
    const media = op.cases.find((c) => c.location === "json")!.media!;
    const doc = copy();
    const schema = at(doc, operationIn(doc, op.operation), "requestBody", "content", media, "schema");
    (schema["properties"] as Json)["note_added_by_the_test"] = { type: "string" };
    (schema["required"] as string[]).push("note_added_by_the_test");
    const { added, removed } = difference(op.cases, casesOf(doc, op.operation));
    expect(removed).toEqual([]);
    expect(added.map((c) => [c.kind, c.location, c.name, c.change])).toEqual([
      ["missing_required", "json", "note_added_by_the_test", { op: "remove" }],
      ["wrong_type", "json", "note_added_by_the_test", { op: "wrap_in_array" }],
    ]);
  });

  it("a new required integer query parameter: left out, not a number, not an integer", () => {
    const op = withLocation("query");
    const doc = copy();
    (operationIn(doc, op.operation)["parameters"] as Json[]).push({
      name: "page_added_by_the_test",
      in: "query",
      required: true,
      schema: { type: "integer", format: "int32" },
    });
    const { added, removed } = difference(op.cases, casesOf(doc, op.operation));
    expect(removed).toEqual([]);
    expect(added.map((c) => [c.kind, c.location, c.name, c.change])).toEqual([
      ["missing_required", "query", "page_added_by_the_test", { op: "remove" }],
      ["wrong_type", "query", "page_added_by_the_test", { op: "append", suffix: "abc" }],
      ["non_integer", "query", "page_added_by_the_test", { op: "append", suffix: ".5" }],
    ]);
  });

  it("a new required multipart text field: only left out (a multipart text has no other type)", () => {
    const op = withLocation("multipart");
    const media = op.cases.find((c) => c.location === "multipart")!.media!;
    const doc = copy();
    const schema = at(doc, operationIn(doc, op.operation), "requestBody", "content", media, "schema");
    (schema["properties"] as Json)["label_added_by_the_test"] = { type: "string" };
    (schema["required"] as string[]).push("label_added_by_the_test");
    const { added } = difference(op.cases, casesOf(doc, op.operation));
    expect(added.map((c) => [c.kind, c.name])).toEqual([["missing_required", "label_added_by_the_test"]]);
  });

  it("a parameter no longer required: its missing_required case goes", () => {
    const op = withLocation("query");
    const doc = copy();
    const parameter = (operationIn(doc, op.operation)["parameters"] as Json[]).find((p) => p["required"] === true)!;
    parameter["required"] = false;
    expect(difference(op.cases, casesOf(doc, op.operation))).toEqual({
      added: [],
      removed: op.cases.filter(
        (c) => c.kind === "missing_required" && c.name === parameter["name"] && c.location === "query",
      ),
    });
  });

  it("an operation with no inputs has no cases, and says why from the spec", () => {
    const doc = copy();
    (doc["paths"] as Json)["/v1/ping_added_by_the_test"] = {
      get: { operationId: "pingAddedByTheTest", responses: { "200": { description: "" } } },
    };
    const ping = negativeCases(doc).find((o) => o.operation === "pingAddedByTheTest");
    expect(ping).toEqual({
      operation: "pingAddedByTheTest",
      method: "GET",
      path: "/v1/ping_added_by_the_test",
      cases: [],
      notApplicable: expect.stringContaining("no parameters and no request body"),
    });
  });

  it("a kind of input it cannot mutate (a path parameter) stops it, naming it", () => {
    const doc = copy();
    (doc["paths"] as Json)["/v1/files/{id}"] = {
      get: {
        operationId: "byPath",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        responses: {},
      },
    };
    expect(() => negativeCases(doc)).toThrow(/byPath has a path parameter \(id\)/);
  });
});

describe("applied to the client's own requests, every case breaks the spec", () => {
  const BASE_URL = "http://negative-cases.invalid";
  const VALID_ID = "302892389810433";
  const captured = new Map<string, Request>();

  beforeAll(async () => {
    for (const op of original) {
      const base = BASE_CALLS[op.operation];
      if (!base) throw new Error(`no base call for ${op.operation}`);
      // The request the method builds, kept instead of sent.
      const client = new MiniMaxFiles({
        apiKey: "negative-cases-unit-key",
        baseUrl: BASE_URL,
        maxRetries: 0,
        fetch: async (request) => {
          // Buffered now: the client releases its upload stream once the call has failed.
          captured.set(
            op.operation,
            new Request(request.url, {
              method: request.method,
              headers: request.headers,
              body: request.body === null ? null : await request.arrayBuffer(),
            }),
          );
          throw new Error("not sent");
        },
      });
      await base.call(client, VALID_ID).catch(() => undefined);
    }
  });

  const verdict = async (request: Request) => {
    const exchange = await recordExchange(
      BASE_URL,
      request,
      new Response("{}", { headers: { "content-type": "application/json" } }),
    );
    return validateExchange(exchange).filter((f) => f.check.startsWith("request_"));
  };

  it("the base requests are valid", async () => {
    for (const op of original)
      expect({ op: op.operation, findings: await verdict(captured.get(op.operation)!.clone()) }).toEqual({
        op: op.operation,
        findings: [],
      });
  });

  it.each(allCases.map((c) => [c.title, c] as const))("%s", async (_title, c) => {
    const mutated = await applyCase(captured.get(c.operation)!.clone(), c);
    const findings = await verdict(mutated);
    expect(findings.map((f) => f.check)).not.toHaveLength(0);
    expect(findings.every((f) => f.check === "request_parameters" || f.check === "request_body")).toBe(true);
  });
});

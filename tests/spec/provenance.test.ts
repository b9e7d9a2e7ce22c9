// openapi/openapi.json keeps MiniMax's published text. The pages it was joined from are stored
// verbatim in openapi/sources/ (copies of MiniMax's published pages; openapi/reference-notes.md §0 says which); every part of our
// document must equal the copy it came from (openapi/README.md, "Where openapi.json came from").
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ROOT } from "../helpers/spec";

const stored = JSON.parse(fs.readFileSync(path.join(ROOT, "openapi/openapi.json"), "utf8"));

type Json = Record<string, any>;
const readSource = (page: string) => fs.readFileSync(path.join(ROOT, "openapi/sources", page), "utf8");

/** The complete OpenAPI blocks of a page (the ZH pages hold two copies, A and B). */
function embeddedSpecs(page: string): Json[] {
  const blocks = [...readSource(page).matchAll(/````yaml [^\n]*\n([\s\S]*?)\n````/g)].map(
    (m) => YAML.parse(m[1]!) as Json,
  );
  if (!blocks.length) throw new Error(`no OpenAPI block in ${page}`);
  return blocks;
}
const embeddedSpec = (page: string) => embeddedSpecs(page)[0]!;

/**
 * An English copy cut after 2,000 characters, mid-line: its YAML up to the cut with the cut line
 * dropped, so it parses. What it holds is a prefix of the page: the last value may be shortened.
 */
function truncatedSpec(page: string): Json {
  const text = readSource(page);
  const start = text.indexOf("````yaml ");
  const end = text.indexOf("\n~~~~~~", start);
  if (start < 0 || end < 0 || text.slice(start, end).includes("\n````\n"))
    throw new Error(`no cut-off OpenAPI block in ${page}`);
  const lines = text.slice(text.indexOf("\n", start) + 1, end).split("\n");
  return YAML.parse(lines.slice(0, -1).join("\n")) as Json;
}

/** The path of the last scalar (or null) in document order: where the copy was cut. */
function lastPath(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [];
  const keys = Object.keys(value);
  const last = keys[keys.length - 1];
  return last === undefined ? [] : [last, ...lastPath((value as Json)[last])];
}

/**
 * Checks that `cut` is `full` up to the place the copy was cut: equal everywhere, except along the
 * path to its last value, where objects may lack later keys and the last value may be missing (null)
 * or a shortened string.
 */
function expectCutPrefix(cut: unknown, full: unknown, at: string, spine = lastPath(cut)): void {
  if (!spine.length) {
    if (cut === null || (typeof cut === "string" && typeof full === "string" && full.startsWith(cut) && cut.length > 0))
      return;
    expect({ at, value: cut }).toEqual({ at, value: full });
    return;
  }
  expect(typeof full === "object" && full !== null).toBe(true);
  const cutKeys = Object.keys(cut as Json);
  expect({ at, keys: cutKeys }).toEqual({ at, keys: Object.keys(full as Json).slice(0, cutKeys.length) });
  for (const key of cutKeys.slice(0, -1))
    expect({ at: `${at}.${key}`, value: (cut as Json)[key] }).toEqual({
      at: `${at}.${key}`,
      value: (full as Json)[key],
    });
  expectCutPrefix((cut as Json)[spine[0]!], (full as Json)[spine[0]!], `${at}.${spine[0]}`, spine.slice(1));
}

describe("the English upload page (000_b4d4579bc561bc53.txt)", () => {
  const page = embeddedSpec("upload.en.md");

  it.each(["openapi", "info", "servers", "security"])("gives %s exactly", (key) => {
    expect(stored[key]).toEqual(page[key]);
  });

  it("gives POST /v1/files/upload exactly", () => {
    expect(stored.paths["/v1/files/upload"]).toEqual(page["paths"]["/v1/files/upload"]);
  });

  it.each(["UploadFileResp", "FileObject", "UploadFileBaseResp"])("gives components.schemas.%s exactly", (name) => {
    expect(stored.components.schemas[name]).toEqual(page["components"].schemas[name]);
  });

  it("gives components.securitySchemes exactly", () => {
    expect(stored.components.securitySchemes).toEqual(page["components"].securitySchemes);
  });
});

describe("the English retrieve-content page", () => {
  const page = embeddedSpec("retrieve-content.en.md");

  it("gives GET /v1/files/retrieve_content exactly", () => {
    expect(stored.paths["/v1/files/retrieve_content"]).toEqual(page["paths"]["/v1/files/retrieve_content"]);
  });
});

/** The English pages cut after 2,000 characters: list, retrieve and delete. */
describe.each([
  { page: "list.en.md", route: "/v1/files/list", schemas: ["ListFileResp"] },
  { page: "retrieve.en.md", route: "/v1/files/retrieve", schemas: ["RetrieveFileResp", "FileObject"] },
  { page: "delete.en.md", route: "/v1/files/delete", schemas: ["DeleteFileReq"] },
])("the English $page page (first 2,000 characters)", ({ page, route, schemas }) => {
  const copy = truncatedSpec(page);

  it.each(["openapi", "info", "servers", "security"])("gives %s exactly", (key) => {
    expect(stored[key]).toEqual(copy[key]);
  });

  it(`gives ${route} exactly (the page's only path)`, () => {
    expect(Object.keys(copy["paths"])).toEqual([route]);
    expect(stored.paths[route]).toEqual(copy["paths"][route]);
  });

  it("gives the components it shows, up to the cut", () => {
    expect(Object.keys(copy["components"])).toEqual(["schemas"]);
    expect(Object.keys(copy["components"]["schemas"])).toEqual(schemas);
    // Every schema before the last is complete; the last one is where the copy was cut.
    for (const name of schemas.slice(0, -1))
      expect(stored.components.schemas[name]).toEqual(copy["components"]["schemas"][name]);
    const last = schemas.at(-1)!;
    expectCutPrefix(copy["components"]["schemas"][last], stored.components.schemas[last], `components.schemas.${last}`);
  });
});

describe("the parts the English copies lack, from the Chinese copies (A and B)", () => {
  const list = embeddedSpecs("list.zh.md");
  const retrieve = embeddedSpecs("retrieve.zh.md");
  const del = embeddedSpecs("delete.zh.md");

  it("has two complete copies of the list and delete pages and one of retrieve", () => {
    expect([list.length, retrieve.length, del.length]).toEqual([2, 1, 2]);
  });

  it("ListFileResp: the example and the base_resp $ref", () => {
    for (const zh of list) {
      expect(stored.components.schemas.ListFileResp.example).toEqual(
        zh["components"]["schemas"]["ListFileResp"]["example"],
      );
      expect(stored.components.schemas.ListFileResp.properties.base_resp).toEqual(
        zh["components"]["schemas"]["ListFileResp"]["properties"]["base_resp"],
      );
    }
  });

  it("RetrieveFileResp has the structure of the Chinese copy", () => {
    expect(stored.components.schemas.RetrieveFileResp).toEqual(
      retrieve[0]!["components"]["schemas"]["RetrieveFileResp"],
    );
  });

  it("DeleteFileReq: purpose item 5, the purpose enum and the example; the rest is English", () => {
    const english = truncatedSpec("delete.en.md")["components"]["schemas"]["DeleteFileReq"];
    for (const zh of del) {
      const chinese = zh["components"]["schemas"]["DeleteFileReq"];
      const item5 = (chinese["properties"]["purpose"]["description"] as string).split("\n").at(-1);
      expect(item5).toBe("5. video_generation");
      expect(stored.components.schemas.DeleteFileReq).toEqual({
        ...chinese,
        properties: {
          file_id: english["properties"]["file_id"],
          purpose: {
            ...chinese["properties"]["purpose"],
            description: `${english["properties"]["purpose"]["description"]}\n${item5}`,
          },
        },
      });
    }
  });

  it("DeleteFileResp exactly (its description is English on the Chinese page too)", () => {
    for (const zh of del)
      expect(stored.components.schemas.DeleteFileResp).toEqual(zh["components"]["schemas"]["DeleteFileResp"]);
  });

  it("ListRetrieveDeleteFileBaseResp: the Chinese structure, in the English wording of the video-download page", () => {
    const [videoEn] = embeddedSpecs("related-pages.md");
    const english = videoEn!["components"]["schemas"]["RetrieveFileBaseResp"];
    expect(stored.components.schemas.ListRetrieveDeleteFileBaseResp).toEqual(english);
    const shape = (schema: Json) => JSON.stringify(schema, (key, value) => (key === "description" ? undefined : value));
    for (const zh of [...list, ...retrieve, ...del])
      expect(shape(stored.components.schemas.ListRetrieveDeleteFileBaseResp)).toBe(
        shape(zh["components"]["schemas"]["ListRetrieveDeleteFileBaseResp"]),
      );
  });
});

it("has no path or component that the tests above do not trace to a copy", () => {
  expect(Object.keys(stored).sort()).toEqual(["components", "info", "openapi", "paths", "security", "servers"]);
  expect(Object.keys(stored.paths).sort()).toEqual([
    "/v1/files/delete",
    "/v1/files/list",
    "/v1/files/retrieve",
    "/v1/files/retrieve_content",
    "/v1/files/upload",
  ]);
  expect(Object.keys(stored.components).sort()).toEqual(["schemas", "securitySchemes"]);
  expect(Object.keys(stored.components.schemas).sort()).toEqual([
    "DeleteFileReq",
    "DeleteFileResp",
    "FileObject",
    "ListFileResp",
    "ListRetrieveDeleteFileBaseResp",
    "RetrieveFileResp",
    "UploadFileBaseResp",
    "UploadFileResp",
  ]);
});

// MINIMAX_REFERENCE_DIR: a folder of page copies taken independently of this repository (file
// names as below); when set, openapi/sources/ must hold them verbatim. Unset, there is nothing to compare.
it("openapi/sources/ holds the independent reference copies verbatim, when MINIMAX_REFERENCE_DIR names them", () => {
  const reference = process.env["MINIMAX_REFERENCE_DIR"];
  if (reference === undefined) return;
  const pairs = {
    "upload.en.md": "000_b4d4579bc561bc53.txt",
    "retrieve-content.en.md": "retrieve-content.md",
    "list.en.md": "list.md",
    "list.zh.md": "list.zh.md",
    "retrieve.en.md": "retrieve.md",
    "retrieve.zh.md": "retrieve.zh.md",
    "delete.en.md": "delete.md",
    "delete.zh.md": "delete.zh.md",
    "related-pages.md": "related-pages.md",
  };
  expect(fs.readdirSync(path.join(ROOT, "openapi/sources")).sort()).toEqual(Object.keys(pairs).sort());
  for (const [ours, theirs] of Object.entries(pairs))
    expect({ ours, text: readSource(ours) }).toEqual({
      ours,
      text: fs.readFileSync(path.join(reference, theirs), "utf8"),
    });
});

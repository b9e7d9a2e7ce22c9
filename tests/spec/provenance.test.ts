// openapi/openapi.json keeps MiniMax's published text. The two English pages that are complete
// are stored verbatim in openapi/sources/; the parts of our document they cover must equal them.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ROOT } from "../helpers/spec";

const stored = JSON.parse(fs.readFileSync(path.join(ROOT, "openapi/openapi.json"), "utf8"));

function embeddedSpec(page: string) {
  const text = fs.readFileSync(path.join(ROOT, "openapi/sources", page), "utf8");
  const block = /````yaml [^\n]*\n([\s\S]*?)\n````/.exec(text)?.[1];
  if (!block) throw new Error(`no OpenAPI block in ${page}`);
  return YAML.parse(block);
}

describe("the English upload page (000_b4d4579bc561bc53.txt)", () => {
  const page = embeddedSpec("upload.en.md");

  it.each(["openapi", "info", "servers", "security"])("gives %s exactly", (key) => {
    expect(stored[key]).toEqual(page[key]);
  });

  it("gives POST /v1/files/upload exactly", () => {
    expect(stored.paths["/v1/files/upload"]).toEqual(page.paths["/v1/files/upload"]);
  });

  it.each(["UploadFileResp", "FileObject", "UploadFileBaseResp"])("gives components.schemas.%s exactly", (name) => {
    expect(stored.components.schemas[name]).toEqual(page.components.schemas[name]);
  });

  it("gives components.securitySchemes exactly", () => {
    expect(stored.components.securitySchemes).toEqual(page.components.securitySchemes);
  });
});

describe("the English retrieve-content page", () => {
  const page = embeddedSpec("retrieve-content.en.md");

  it("gives GET /v1/files/retrieve_content exactly", () => {
    expect(stored.paths["/v1/files/retrieve_content"]).toEqual(page.paths["/v1/files/retrieve_content"]);
  });
});

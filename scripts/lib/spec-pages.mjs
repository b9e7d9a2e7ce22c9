// MiniMax's published docs pages that openapi/openapi.json is joined from, and how to read one.
//
// MiniMax publishes no raw openapi.json: each docs page (the `.md` form of
// https://platform.minimax.io/docs/api-reference/file-management-upload and its siblings) embeds a
// ````yaml block holding that page's operation of one shared document. A page is read from its URL,
// from a folder laid out as <host>/<path> (openapi/sources/pages/ is one), or from a base URL that
// serves such a folder.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/** The five operations in the document's order; `page` is the docs page's slug. */
export const OPERATIONS = [
  { id: "uploadFile", method: "post", path: "/v1/files/upload", page: "file-management-upload" },
  { id: "listFiles", method: "get", path: "/v1/files/list", page: "file-management-list" },
  { id: "retrieveFile", method: "get", path: "/v1/files/retrieve", page: "file-management-retrieve" },
  {
    id: "retrieveFileContent",
    method: "get",
    path: "/v1/files/retrieve_content",
    page: "file-management-retrieve-content",
  },
  { id: "deleteFile", method: "post", path: "/v1/files/delete", page: "file-management-delete" },
];

const EN = "https://platform.minimax.io/docs/api-reference";
const ZH = "https://platform.minimaxi.com/docs/api-reference";

/**
 * Every page the join reads. `en` pages are the document; `zh` pages fill what an English copy
 * lacks; `wording` pages (another MiniMax document) give English text for a schema only a Chinese
 * page has, when their schema has the same structure.
 */
export const PAGES = [
  ...OPERATIONS.map((op) => ({ id: `${op.page}.en`, role: "en", operation: op.id, url: `${EN}/${op.page}.md` })),
  ...OPERATIONS.map((op) => ({ id: `${op.page}.zh`, role: "zh", operation: op.id, url: `${ZH}/${op.page}.md` })),
  { id: "video-generation-download.en", role: "wording", url: `${EN}/video-generation-download.md` },
];

export class SpecPullError extends Error {
  name = "SpecPullError";
}

/** Where a page is read from: its URL, `<folder>/<host>/<path>` or `<base>/<host>/<path>`. */
export function locate(page, from) {
  if (!from) return { kind: "url", at: page.url };
  const { host, pathname } = new URL(page.url);
  if (/^https?:\/\//.test(from)) return { kind: "base-url", at: `${from.replace(/\/+$/, "")}/${host}${pathname}` };
  return { kind: "folder", at: path.join(from, host, ...pathname.split("/").filter(Boolean)) };
}

/** Reads every page; a page that cannot be read fails the whole pull, naming it. */
export async function readPages(from, { timeoutMs = 15_000 } = {}) {
  const pages = [];
  for (const page of PAGES) {
    const where = locate(page, from);
    let text;
    try {
      text = where.kind === "folder" ? fs.readFileSync(where.at, "utf8") : await download(where.at, timeoutMs);
    } catch (error) {
      const cause = error.code === "ENOENT" ? "no such file" : (error.cause?.code ?? error.code ?? error.message);
      const hint =
        where.kind === "url"
          ? " (no network? pass --from <folder or base URL> with copies of the pages, laid out as <host>/<path>)"
          : "";
      throw new SpecPullError(`spec:pull: cannot read page ${page.id} from ${where.at}: ${cause}${hint}`);
    }
    pages.push({ ...page, from: where, text, sha256: crypto.createHash("sha256").update(text).digest("hex") });
  }
  return pages;
}

async function download(url, timeoutMs) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { code: `HTTP ${response.status}` });
  return response.text();
}

/**
 * The page's YAML block, parsed. A copy cut before the block's closing fence (the stored English
 * copies end after 2,000 characters) is parsed up to its last whole line, and `cut` is true: the
 * last entry at each level of what was parsed may be incomplete (see spec-join.mjs).
 */
export function parsePage(page) {
  const lines = page.text.split("\n");
  const start = lines.findIndex((line) => line.startsWith("````yaml"));
  if (start === -1) throw new SpecPullError(`spec:pull: page ${page.id} (${page.from.at}) has no \`\`\`\`yaml block`);
  const end = lines.findIndex((line, i) => i > start && line.trimEnd() === "````");
  const cut = end === -1;
  // A cut copy's last line is partial: drop it, then parse what is left.
  const body = cut ? lines.slice(start + 1, -1) : lines.slice(start + 1, end);
  const document = YAML.parseDocument(body.join("\n"), { uniqueKeys: true });
  if (document.errors.length) {
    const [first] = document.errors;
    throw new SpecPullError(
      `spec:pull: page ${page.id} (${page.from.at}): its YAML block does not parse: ${first.message.split("\n")[0]}`,
    );
  }
  const header = lines[start].slice("````yaml".length).trim();
  const value = document.toJS();
  if (!value || typeof value !== "object")
    throw new SpecPullError(`spec:pull: page ${page.id} (${page.from.at}): its YAML block is not an OpenAPI document`);
  return { ...page, header, cut, document, value, blockScalars: blockScalarPaths(document) };
}

/** JSON-pointer-like paths ("a/b/c") of the scalars that may continue past a cut: multi-line ones. */
function blockScalarPaths(document) {
  const paths = new Set();
  YAML.visit(document, {
    Scalar(_key, node, ancestors) {
      const multiline = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED" || /\n/.test(String(node.value));
      if (!multiline) return;
      const keys = [];
      for (const [i, ancestor] of ancestors.entries()) {
        if (YAML.isPair(ancestor)) keys.push(String(ancestor.key?.value ?? ancestor.key));
        else if (YAML.isSeq(ancestor)) {
          const child = ancestors[i + 1] ?? node;
          keys.push(String(ancestor.items.indexOf(child)));
        }
      }
      paths.add(keys.join("/"));
    },
  });
  return paths;
}

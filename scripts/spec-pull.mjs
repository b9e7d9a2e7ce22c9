#!/usr/bin/env node
// npm run spec:pull [-- --from <folder | base URL>] [--check]
//
// Rebuilds openapi/openapi.json from MiniMax's published docs pages (scripts/lib/spec-pages.mjs
// lists them; scripts/lib/spec-join.mjs joins them as openapi/README.md describes), refreshes the
// page copies in openapi/sources/pages/ and their record (openapi/sources/pages.json: URL, where
// they were read, when, SHA-256, which part of the document each gave), then prints what changed
// (npm run spec:diff). Nothing in openapi/ is written unless every page was read, parsed and joined
// into a valid document.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./lib/command-line.mjs";
import { diffSpecs } from "./lib/spec-diff.mjs";
import { joinPages } from "./lib/spec-join.mjs";
import { locate, PAGES, parsePage, readPages, SpecPullError } from "./lib/spec-pages.mjs";
import { validateDocument } from "./lib/spec.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `usage: npm run spec:pull [-- [--from <folder | base URL>] [--check] [--no-diff]]

Reads MiniMax's File Management docs pages, joins their YAML blocks into openapi/openapi.json,
stores the pages in openapi/sources/pages/ with their record in openapi/sources/pages.json, and
prints the changes (as npm run spec:diff does).

  --from <folder>     read the pages from a folder laid out as <host>/<path>, e.g.
                      openapi/sources/pages (the stored copies)
  --from <base URL>   read them from a server that serves such a folder
  --check             write nothing; exit 1 when openapi/openapi.json would change
  --no-diff           do not print the changes
Without --from the pages are read from their URLs:
${PAGES.map((p) => `  ${p.url}`).join("\n")}`;

const args = parseCommandLine("spec:pull", usage, {
  from: { type: "string" },
  check: { type: "boolean", default: false },
  "no-diff": { type: "boolean", default: false },
});

const OPENAPI = path.join(root, "openapi");
const SPEC = path.join(OPENAPI, "openapi.json");
const PAGES_DIR = path.join(OPENAPI, "sources/pages");
const RECORD = path.join(OPENAPI, "sources/pages.json");

async function main() {
  const from = args.from && !/^https?:\/\//.test(args.from) ? path.resolve(args.from) : args.from;
  if (from && !/^https?:\/\//.test(from) && !fs.existsSync(from))
    throw new SpecPullError(`spec:pull: --from ${args.from}: no such folder`);
  const pages = await readPages(from);
  const parsed = pages.map(parsePage);
  const { document, parts, differences, warnings } = joinPages(parsed);
  try {
    await validateDocument(document, "the document joined from the pages");
  } catch (error) {
    throw new SpecPullError(`spec:pull: ${error.message}`);
  }

  const text = `${JSON.stringify(document, null, 2)}\n`;
  const before = fs.existsSync(SPEC) ? fs.readFileSync(SPEC, "utf8") : "";
  const changed = text !== before;
  for (const page of parsed)
    console.log(
      `read ${page.id} from ${shown(page.from.at)}${page.cut ? " (cut before its block's end: completed from the Chinese page)" : ""}`,
    );
  for (const d of differences) {
    const list = (values) => values.map((v) => `\`${v}\``).join(", ");
    const parts_ = [
      ...(d.onlyChinese.length ? [`only the Chinese page (${d.chinese}) lists ${list(d.onlyChinese)}`] : []),
      ...(d.onlyEnglish.length ? [`only the English page (${d.english}) lists ${list(d.onlyEnglish)}`] : []),
    ];
    console.log(`note: ${d.at}: ${parts_.join("; ")}; the English list is kept (an overlay action decides otherwise)`);
  }
  for (const w of warnings) console.log(`warning: ${w}`);

  if (args.check) {
    console.log(changed ? "openapi/openapi.json would change" : "openapi/openapi.json is what the pages give");
    if (changed) process.exitCode = 1;
    return;
  }

  const base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "spec-pull-")), "openapi.json");
  fs.writeFileSync(base, before || text);
  try {
    writePages(parsed);
    const record = {
      note: "Written by npm run spec:pull. Each page: its URL, where this copy was read, when, its SHA-256.",
      pulled: new Date().toISOString(),
      pages: parsed.map((p) => ({
        id: p.id,
        url: p.url,
        readFrom: p.from.kind === "folder" ? path.relative(root, p.from.at) || p.from.at : p.from.at,
        file: path.relative(OPENAPI, pageFile(p)),
        bytes: Buffer.byteLength(p.text),
        sha256: p.sha256,
        complete: !p.cut,
      })),
      parts,
      differences,
    };
    writeAtomically(RECORD, `${JSON.stringify(record, null, 2)}\n`);
    if (changed) writeAtomically(SPEC, text);
    console.log(changed ? "wrote openapi/openapi.json" : "openapi/openapi.json is unchanged");
    console.log("wrote openapi/sources/pages/ and openapi/sources/pages.json");
    if (changed && !args["no-diff"]) {
      const diff = await diffSpecs({
        root,
        baseFile: base,
        revisionFile: SPEC,
        overlayFile: path.join(OPENAPI, "overlay.yaml"),
        title: "MiniMax spec changes",
      });
      console.log(`\n${diff.markdown}`);
      if (diff.surface.error) console.log(`The overlay needs attention: ${diff.surface.error.message}`);
      console.log("Next: npm run generate, then npm test; commit with this entry in CHANGELOG.md.");
    }
  } finally {
    fs.rmSync(path.dirname(base), { recursive: true, force: true });
  }
}

const pageFile = (page) => locate(page, PAGES_DIR).at;
const shown = (at) => (/^https?:/.test(at) ? at : path.relative(process.cwd(), at) || at);

function writePages(parsed) {
  for (const page of parsed) {
    const file = pageFile(page);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === page.text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeAtomically(file, page.text);
  }
}

function writeAtomically(file, content) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

main().catch((error) => {
  console.error(error instanceof SpecPullError ? error.message : error);
  console.error("openapi/ was left as it was.");
  process.exitCode = 1;
});

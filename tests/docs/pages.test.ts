// The docs as a reader finds their way through them: a short README for users that leads to
// docs/, CONTRIBUTING.md and CHANGELOG.md; every relative link (and #anchor) pointing at something
// that exists; nothing pointing outside the repository, which a person who clones it does not have.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../helpers/spec";

const PAGES = [
  "using-the-client",
  "uploads-and-downloads",
  "errors-and-retries",
  "cli",
  "sandbox",
  "contract-suite",
  "spec-updates",
  "architecture",
  "benchmarks",
].map((p) => `docs/${p}.md`);
const DOCS = [
  "README.md",
  "CONTRIBUTING.md",
  "CHANGELOG.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** Markdown without fenced code blocks (they hold examples, not links or headings). */
const withoutFences = (text: string) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
/** …and without inline code spans. */
const prose = (text: string) => withoutFences(text).replace(/`[^`\n]*`/g, "");

/** Every link target: inline `[text](target "title")`, images, and reference definitions `[x]: target`. */
function linkTargets(text: string): string[] {
  const body = prose(text);
  const inline = [...body.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const references = [...body.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!);
  return [...inline, ...references];
}

/** GitHub's anchors for a file's headings (lower case, punctuation dropped, spaces as hyphens, repeats numbered). */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutFences(text)
    .replace(/`([^`\n]*)`/g, "$1")
    .matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const plain = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<[^>]+>/g, "");
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n ? `${slug}-${n}` : slug);
  }
  return anchors;
}

it("README.md is at most 300 lines", () => {
  const lines = read("README.md").trimEnd().split("\n").length;
  expect(lines).toBeLessThanOrEqual(300);
});

it("the docs pages, CONTRIBUTING.md and CHANGELOG.md exist, and the README links to each of them", () => {
  const links = new Set(linkTargets(read("README.md")).map((t) => t.split("#")[0]));
  for (const file of [...PAGES, "CONTRIBUTING.md", "CHANGELOG.md"]) {
    expect({ file, exists: fs.existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
    expect({ file, linkedFromReadme: links.has(file) }).toEqual({ file, linkedFromReadme: true });
  }
});

it("CHANGELOG.md keeps the Keep a Changelog shape: an Unreleased section, then 0.1.0 with its date", () => {
  const versions = [...read("CHANGELOG.md").matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((m) => `${m[1]}${m[2]}`);
  expect(versions[0]).toBe("Unreleased");
  expect(versions).toContainEqual(expect.stringMatching(/^0\.1\.0 - \d{4}-\d{2}-\d{2}$/));
});

describe.each(DOCS)("%s", (file) => {
  const text = read(file);
  const relative = linkTargets(text).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));

  it("has relative links only to files and headings that exist, all inside the repository", () => {
    const broken = relative.flatMap((target) => {
      const [where, anchor] = target.split("#") as [string, string | undefined];
      const resolved = where
        ? path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(where))
        : path.join(ROOT, file);
      if (path.relative(ROOT, resolved).startsWith("..")) return [`${target}: outside the repository`];
      if (!fs.existsSync(resolved)) return [`${target}: no such file`];
      if (anchor && resolved.endsWith(".md") && !anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor))
        return [`${target}: no such heading`];
      return [];
    });
    expect(broken).toEqual([]);
  });

  it("cites no path outside the repository (MiniMax's public pages, or files in it, instead)", () => {
    expect(text.match(/\.\.\/(?:\.\.\/)*shared\/[^\s)`]*/g) ?? []).toEqual([]);
  });
});

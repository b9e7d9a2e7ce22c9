// The docs' TypeScript examples must compile against the real client, so the docs cannot drift
// from the code. They also run: `npm run check:package` ("every docs example") runs each of them
// as written in a consumer project with the packed package, against a sandbox through
// MINIMAX_BASE_URL, as it runs the README's quick start (a JavaScript block, type-checked here
// too, as the TypeScript it also is).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

const DOCS = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The README block check:package runs (scripts/check-package.mjs finds it by the same pattern). */
const QUICK_START = /```js\n(\/\/ quickstart\.mjs\n[\s\S]*?)```/;

it("the README has the quick start block that check:package runs as written, under its heading", () => {
  const readme = read("README.md");
  const block = QUICK_START.exec(readme);
  expect(block).not.toBeNull();
  // It talks to the sandbox, so it runs with no key and no network.
  expect(block![1]).toContain('from "minimax-files/sandbox"');
  const heading = readme
    .slice(0, block!.index)
    .match(/^## .*$/gm)
    ?.at(-1);
  expect(heading).toBe("## Quick start");
});

it("every ts block in README.md and docs/*.md, and the quick start, type-checks against src/", async () => {
  const blocks = DOCS.flatMap((file) =>
    [...read(file).matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
      name: `${file.replace(/[/.]/g, "_")}_${i}`,
      code: m[1]!,
    })),
  );
  // The client's page and the sandbox's have examples; the README has its own.
  for (const file of ["README.md", "docs/using-the-client.md", "docs/sandbox.md"])
    expect({ file, blocks: blocks.filter((b) => b.name.startsWith(file.replace(/[/.]/g, "_"))).length > 0 }).toEqual({
      file,
      blocks: true,
    });
  blocks.push({ name: "quickstart", code: QUICK_START.exec(read("README.md"))![1]! });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-docs-"));
  try {
    // Each block is its own module (top-level await needs ES modules).
    for (const { name, code } of blocks) fs.writeFileSync(path.join(dir, `${name}.mts`), code);
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          module: "Node16",
          moduleResolution: "Node16",
          target: "ES2022",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          noEmit: true,
          esModuleInterop: true,
          resolveJsonModule: true,
          skipLibCheck: true,
          typeRoots: [path.join(ROOT, "node_modules/@types")],
          types: ["node"],
          baseUrl: ROOT,
          paths: { "minimax-files": ["src/index.ts"], "minimax-files/sandbox": ["src/sandbox/index.ts"] },
        },
        include: ["*.mts"],
      }),
    );
    const result = await runNode([require.resolve("typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")]);
    expect(result.stdout + result.stderr).toBe("");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The README's TypeScript examples must compile against the real client, so the docs cannot
// drift from the code. (They are type-checked, not run: they talk to api.minimax.io.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "./helpers/run-node";
import { ROOT } from "./helpers/spec";

it("every ts block in README.md type-checks against src/", async () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-readme-"));
  try {
    // Each block is its own module (top-level await needs ES modules).
    blocks.forEach((code, i) => fs.writeFileSync(path.join(dir, `block${i}.mts`), code));
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

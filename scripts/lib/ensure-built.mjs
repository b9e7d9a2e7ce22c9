// dist/ built from the current inputs before a script loads it: `build.mjs --if-stale` decides by a
// hash of everything the build reads (sources, generated/, tsconfigs, package.json, TypeScript's
// version), not by file dates, which miss a changed tsconfig and lie after a checkout.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const UP_TO_DATE = "dist/ is up to date";

/** Builds dist/ when it is missing or stale; says so on stdout only when it built. */
export function ensureBuilt() {
  let output;
  try {
    output = execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ""}${error.stderr ?? ""}`);
    throw new Error("building dist/ failed (output above)");
  }
  if (output.trim() !== UP_TO_DATE) process.stdout.write(`building dist/ …\n${output}`);
}

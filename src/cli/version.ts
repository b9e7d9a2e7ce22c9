// The version --version prints: the package's own, read from its package.json (found by walking up
// from this file, so it holds wherever the build puts the compiled CLI).
import fs from "node:fs";
import path from "node:path";

const NAME = "minimax-files";

export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === NAME && typeof pkg.version === "string") return pkg.version;
    } catch {
      // no package.json here, or not one that parses: keep walking up
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

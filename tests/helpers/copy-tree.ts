import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./spec";

/** A copy of the work tree as `git clone` would give it (tracked and new files, nothing ignored). */
export function copyTree(to: string) {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the work tree, not yet in a commit
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
  // "junction": a link to a folder that Windows makes without privileges; elsewhere the type is ignored.
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(to, "node_modules"), "junction");
}

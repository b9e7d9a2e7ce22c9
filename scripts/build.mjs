#!/usr/bin/env node
// npm run build: compiles src/ to dist/ and copies the generated declaration file that
// dist/src/*.d.ts import (tsc never copies .d.ts inputs).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
fs.copyFileSync(path.join(root, "generated/schema.d.ts"), path.join(root, "dist/generated/schema.d.ts"));
console.log("built dist/");

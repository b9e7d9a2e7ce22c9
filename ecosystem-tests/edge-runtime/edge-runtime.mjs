// The host: bundles test.mjs with the installed package as an edge toolchain does, and evaluates it
// in an EdgeRuntime whose globals are the web platform's only. ECOSYSTEM_ENV carries the sandbox's
// address into the VM (it has no process.env).
import { build } from "esbuild";
import { EdgeRuntime } from "edge-runtime";

const bundled = await build({
  entryPoints: ["test.mjs"],
  bundle: true,
  write: false,
  format: "iife",
  platform: "neutral",
  // "neutral": a plain ESM bundle, no condition of any runtime named (what many toolchains make).
  conditions: process.argv[2] === "neutral" ? [] : ["edge-light"],
  mainFields: ["module", "main"],
  logLevel: "error",
});
const { SANDBOX_URL, SANDBOX_KEY, STALL_URL, FLAKY_URL } = process.env;
const runtime = new EdgeRuntime({
  extend: (context) => Object.assign(context, { ECOSYSTEM_ENV: { SANDBOX_URL, SANDBOX_KEY, STALL_URL, FLAKY_URL } }),
});
runtime.evaluate(bundled.outputFiles[0].text);
await runtime.context.ecosystemDone;

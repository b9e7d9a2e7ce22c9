// globalSetup for jest.mutate.config.js when StrykerJS runs it (`npm run mutate`).
//
// StrykerJS's jest runner calls Jest's runCLI once per mutant inside a long-lived worker process,
// and Jest runs globalSetup and globalTeardown on every runCLI. Starting Prism (seconds) per
// mutant would dominate the run, so here Prism is started once per process and kept for the next
// runCLI; it is stopped when that process ends:
// - Stryker disposes a worker by tree-killing it (SIGKILL to the worker and its children, Prism
//   included), also when it replaces a worker after a timeout;
// - otherwise on the worker's exit, on SIGINT/SIGTERM/SIGHUP, and when its IPC channel to the
//   Stryker parent closes (the parent died without disposing it).
// There is deliberately no globalTeardown. Outside Stryker, jest.mutate.config.js uses the suite's
// usual global-setup.mjs/global-teardown.mjs instead of this file.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "../../scripts/lib/prism.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const KEY = Symbol.for("minimax-files.mutate.prism");

export default async function globalSetup() {
  let state = globalThis[KEY];
  if (!state || state.exited) {
    const prism = await startPrism({ spec: path.join(root, "generated/openapi.json") });
    state = { prism, exited: false };
    prism.exited.then(() => {
      state.exited = true;
    });
    globalThis[KEY] = state;
    registerCleanup();
  }
  // Stryker runs Jest in band: the tests run in this process and read these.
  process.env.PRISM_URL = state.prism.url;
  process.env.PRISM_PID = String(state.prism.pid);
}

function registerCleanup() {
  // On globalThis, like the state: once per process even if Jest evaluates this module again.
  const registered = Symbol.for("minimax-files.mutate.prism.cleanup");
  if (globalThis[registered]) return;
  globalThis[registered] = true;
  const killPrism = () => {
    const state = globalThis[KEY];
    if (!state || state.exited) return; // never signal a pid that may have been reused
    try {
      process.kill(state.prism.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.on("exit", killPrism);
  process.on("disconnect", killPrism);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      killPrism();
      process.kill(process.pid, signal);
    });
  }
}

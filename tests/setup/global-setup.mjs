import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "../../scripts/lib/prism.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default async function globalSetup() {
  const prism = await startPrism({ spec: path.join(root, "generated/openapi.json") });
  globalThis.__PRISM__ = prism;
  // Workers are forked after this and inherit the environment.
  process.env.PRISM_URL = prism.url;
  process.env.PRISM_PID = String(prism.pid);

  // If Jest ends without running globalTeardown (a crash, or a CI timeout's SIGTERM), Prism must
  // not be left behind: kill it, then let the signal do what it would have done.
  const killPrism = () => {
    try {
      process.kill(prism.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killPrism);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      killPrism();
      process.kill(process.pid, signal);
    });
  }
}

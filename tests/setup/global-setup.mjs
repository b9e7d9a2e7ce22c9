import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "../../scripts/lib/prism.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default async function globalSetup() {
  // The contract suite against another server (`npm run contract -- --target <url>` sets
  // CONTRACT_TARGET) has no use for a mock: tests/helpers/contract.ts takes the target from
  // CONTRACT_TARGET, and the Prism-only cases of tests/contract run only on Prism. Starting one
  // anyway cost every such run Prism's start-up. The tests outside tests/contract that need Prism
  // find no PRISM_URL then and fail: the whole suite runs without CONTRACT_TARGET.
  if (process.env.CONTRACT_TARGET) return;
  // dist/ is built here, once, before any worker starts: the tests that run the built package
  // (tests/package, the CLI's) use it as it is, and two of them building at once would race.
  // Alongside Prism's start; --if-stale makes it a hash check when nothing changed.
  // Its failure is held, not left unhandled (that would end Jest before Prism's kill is set up).
  const built = buildDist().then(
    () => undefined,
    (error) => error,
  );
  let prism;
  try {
    prism = await startPrism({ spec: path.join(root, "generated/openapi.json") });
  } catch (error) {
    await built;
    throw error;
  }
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
  const buildError = await built;
  if (buildError) throw buildError;
}

function buildDist() {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(root, "scripts/build.mjs"), "--if-stale"],
      { cwd: root, timeout: 180_000 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `global setup: scripts/build.mjs --if-stale failed, so the tests of the built package cannot run:\n${stdout}${stderr}`,
            ),
          );
        else resolve();
      },
    );
  });
}

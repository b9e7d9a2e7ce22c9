// Starts and stops the pinned Prism mock server. Shared by `npm run mock` and Jest's globalSetup.
// Prism is spawned through its own node entry file (no npx, no shell), so the pid we hold is
// Prism's and stopping it stops everything.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const require = createRequire(import.meta.url);
export const PRISM_VERSION = "5.14.2";

export function prismEntry() {
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgFile);
  if (pkg.version !== PRISM_VERSION) {
    throw new Error(
      `@stoplight/prism-cli ${pkg.version} is installed, this project is pinned to ${PRISM_VERSION} (5.15+ needs Node 24): run npm ci`,
    );
  }
  return path.join(path.dirname(pkgFile), pkg.bin.prism);
}

/**
 * @param {{ spec: string, host?: string, port?: number, timeoutMs?: number, onOutput?: (line: string) => void }} options
 * @returns {Promise<{ url: string, pid: number, log: () => string, stop: () => Promise<void>, exited: Promise<void> }>}
 */
export function startPrism({ spec, host = "127.0.0.1", port = 0, timeoutMs = 60_000, onOutput }) {
  const args = [
    prismEntry(),
    "mock",
    spec,
    "--host",
    host,
    "--port",
    String(port),
    "--multiprocess=false",
    "--errors=false",
  ];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const lines = [];
  let exitInfo;
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exitInfo = { code, signal };
      resolve();
    });
  });
  const log = () => lines.join("\n");

  const stop = async (graceMs = 5_000) => {
    if (exitInfo) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop(1_000).finally(() => reject(startError(why, log())));
    };
    const timer = setTimeout(() => fail(`no "Prism is listening on" line within ${timeoutMs} ms`), timeoutMs);
    const onLine = (line) => {
      const text = stripVTControlCharacters(line);
      lines.push(text);
      onOutput?.(text);
      const match = /Prism is listening on (https?:\/\/\S+)/.exec(text);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ url: match[1].replace(/\/+$/, ""), pid: child.pid, log, stop, exited });
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        buffered += chunk;
        const parts = buffered.split(/\r?\n/);
        buffered = parts.pop() ?? "";
        parts.forEach(onLine);
      });
      stream.on("end", () => buffered && onLine(buffered));
    }
    child.once("error", (error) => fail(`could not spawn ${process.execPath}: ${error.message}`));
    // "close", not "exit": only once its pipes are drained is the log whole, and the reason in it.
    child.once("close", () => fail(`it exited first (code ${exitInfo?.code}, signal ${exitInfo?.signal})`));
  });
}

/**
 * The error startPrism rejects with: Prism's whole output, and when that shows the address was
 * taken, `code` "EADDRINUSE" and `address` ("host:port"), so a caller can say so in one line
 * instead of showing the usage text Prism prints before it.
 */
function startError(why, output) {
  const error = new Error(`Prism did not start: ${why}\n--- Prism output ---\n${output || "(none)"}`);
  const inUse = /listen EADDRINUSE:.*? (\S+:\d+)\s*$/m.exec(output);
  if (inUse) Object.assign(error, { code: "EADDRINUSE", address: inUse[1] });
  return error;
}

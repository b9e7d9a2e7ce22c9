// The host: bundles page.mjs for the browser, serves it from 127.0.0.1, starts a sandbox that
// answers CORS for that origin (and a server that never answers), and opens the page in Debian's
// headless Chromium through puppeteer-core (no browser is downloaded). Prints the page's result
// line; the page's console is printed too, so a warning fails the target.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const puppeteer = (await import(process.env.PUPPETEER)).default;
const { startSandbox } = require("minimax-files/sandbox");

const bundle = await build({
  entryPoints: ["page.mjs"],
  bundle: true,
  write: false,
  format: "iife",
  platform: "browser",
  logLevel: "error",
});
const servers = [];
const listen = async (handler) => {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
};
let env = {};
const origin = await listen((req, res) => {
  if (req.url === "/page.js") {
    res.writeHead(200, { "content-type": "text/javascript" });
    return res.end(bundle.outputFiles[0].text);
  }
  if (req.url === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(
      `<!doctype html><link rel="icon" href="data:,"><script>globalThis.ECOSYSTEM_ENV = ${JSON.stringify(env)};</script><script src="/page.js"></script>`,
    );
  }
  res.writeHead(404).end();
});
const sandbox = await startSandbox({ cors: origin });
const { startFlakyServer } = await import("./flaky-server.mjs");
const flaky = await startFlakyServer({ cors: origin });
const stall = await listen(() => undefined);
env = { SANDBOX_URL: sandbox.url, SANDBOX_KEY: sandbox.apiKey, STALL_URL: stall, FLAKY_URL: flaky.url };

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-chromium-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  userDataDir: profile,
  // As the machine's probe runs it: no network of its own, no first-run work.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage();
  // Chromium's own line for an answer with an error status (the flaky server's 503, on purpose) is
  // the browser's network log, not the page's: everything else the page prints is printed.
  const networkLog = /^Failed to load resource: the server responded with a status of \d+/;
  page.on("console", (message) => {
    if (!networkLog.test(message.text())) console.log(`page console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => globalThis.ecosystemResult !== undefined, { timeout: 60_000 });
  console.log(JSON.stringify(await page.evaluate(() => globalThis.ecosystemResult)));
} finally {
  await browser.close();
  await sandbox.close();
  flaky.close();
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  fs.rmSync(profile, { recursive: true, force: true });
}

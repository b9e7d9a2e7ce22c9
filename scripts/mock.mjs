#!/usr/bin/env node
// npm run mock [-- --port 4010]: Prism on generated/openapi.json for manual use. Ctrl-C stops it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine, portInUse, portOption } from "./lib/command-line.mjs";
import { startPrism } from "./lib/prism.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `Usage: npm run mock -- [--port <n>] [--host <addr>] [--spec <file>]

Prism (the pinned @stoplight/prism-cli) mocking MiniMax's file API from generated/openapi.json:
it answers with the spec's examples and refuses requests that do not match the spec (HTTP 422
with the reasons). Any API key is accepted, but one must be sent. Ctrl-C stops it.

  --port <n>       port on the host (default 4010; 0 picks a free one)
  --host <addr>    address to listen on (default 127.0.0.1)
  --spec <file>    OpenAPI document to mock (default generated/openapi.json)
  --help           this text`;

const values = parseCommandLine("mock", usage, {
  port: { type: "string", default: "4010" },
  host: { type: "string", default: "127.0.0.1" },
  spec: { type: "string", default: path.join(root, "generated/openapi.json") },
});
const port = portOption("mock", values.port);

// Prism's start-up lines are held until it listens: when it cannot, it first prints its whole usage
// text, which buries the reason. They are shown once it runs, its request log as it comes.
let listening = false;
const prism = await startPrism({
  spec: values.spec,
  host: values.host,
  port,
  onOutput: (line) => listening && console.log(line),
}).catch((error) => {
  if (error.code === "EADDRINUSE") {
    console.error(portInUse("mock", error.address));
  } else {
    console.error(`mock: ${error.message}`);
  }
  process.exit(1);
});
listening = true;
console.log(prism.log());
console.log(
  `\nMock MiniMax File API at ${prism.url}  (e.g. new MiniMaxFiles({ baseUrl: "${prism.url}", apiKey: "any" }))`,
);
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => prism.stop().then(() => process.exit(0)));
await prism.exited;
process.exitCode = 1;

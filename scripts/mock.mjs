#!/usr/bin/env node
// npm run mock [-- --port 4010]: Prism on generated/openapi.json for manual use. Ctrl-C stops it.
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { startPrism } from "./lib/prism.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    spec: { type: "string", default: path.join(root, "generated/openapi.json") },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0-65535, got ${values.port}`);
  process.exit(2);
}

const prism = await startPrism({ spec: values.spec, host: values.host, port, onOutput: (line) => console.log(line) }).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
console.log(`\nMock MiniMax File API at ${prism.url}  (e.g. new MiniMaxFiles({ baseUrl: "${prism.url}", apiKey: "any" }))`);
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => prism.stop().then(() => process.exit(0)));
await prism.exited;
process.exitCode = 1;

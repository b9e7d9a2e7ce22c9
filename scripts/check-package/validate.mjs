// check-package "sandbox validation with Ajv installed": a validating sandbox from the tarball,
// whose exchanges (the whole chain but the download) must all conform.
import assert from "node:assert/strict";
import { MiniMaxFiles } from "minimax-files";
import { startSandbox } from "minimax-files/sandbox";
// Validation reads generated/openapi.json from the package at run time.
const box = await startSandbox();
try {
  const files = new MiniMaxFiles({ baseUrl: box.url, apiKey: box.apiKey });
  const uploaded = await files.upload({
    file: new TextEncoder().encode("checked"),
    filename: "checked.txt",
    purpose: "t2a_async_input",
  });
  await files.list({ purpose: "t2a_async_input" });
  await files.retrieve(uploaded.file_id);
  await files.delete(uploaded.file_id, { purpose: "t2a_async_input" });
} finally {
  await box.close();
}
assert.equal(box.exchanges.length, 4);
assert.deepEqual([...box.findings, ...box.requestFindings], []);
console.log(`${box.exchanges.length} exchanges validated against the packed spec, no findings`);

// check-package's consumers (consumer.cjs, consumer.mjs) run this against the installed tarball:
// the package loaded both ways, so an error thrown through one must be `instanceof` the class the
// other gives, true only while import and require share one copy of the code.
const assert = require("node:assert/strict");

/**
 * `own`: the entry points as this consumer loads them; `them`: as the other format loads them.
 * `format`: "cjs" (own is require's) or "esm" (own is import's).
 */
module.exports = async function bothWays(own, them, format) {
  const [ownWay, otherWay] = format === "cjs" ? ["require", "import"] : ["import", "require"];
  assert.deepEqual(
    Object.keys(own.client)
      .filter((k) => k !== "default")
      .sort(),
    Object.keys(them.client)
      .filter((k) => k !== "default")
      .sort(),
    "the entry point gives the same names to import and require",
  );
  assert.deepEqual(
    Object.keys(own.sandbox)
      .filter((k) => k !== "default")
      .sort(),
    Object.keys(them.sandbox)
      .filter((k) => k !== "default")
      .sort(),
    "minimax-files/sandbox gives the same names to import and require",
  );
  const { MiniMaxFiles, AuthenticationError } = own.client;
  const box = await own.sandbox.startSandbox({ validate: false });
  try {
    const refused = await new MiniMaxFiles({ baseUrl: box.url, apiKey: "not-the-key", maxRetries: 0 })
      .list({ purpose: "voice_clone" })
      .then(
        () => undefined,
        (e) => e,
      );
    assert.ok(refused instanceof AuthenticationError, `a wrong key gives an AuthenticationError, got ${refused}`);
    assert.ok(
      refused instanceof them.client.MiniMaxAPIError,
      `thrown through ${ownWay}, instanceof the MiniMaxAPIError of ${otherWay}`,
    );
    assert.ok(refused instanceof them.client.AuthenticationError);
    const files = new MiniMaxFiles({ baseUrl: box.url, apiKey: box.apiKey });
    const uploaded = await files.upload({
      file: new TextEncoder().encode(`hello from ${format}`),
      filename: "hello.txt",
      purpose: "t2a_async_input",
    });
    assert.equal(new TextDecoder().decode(await files.retrieveContent(uploaded.file_id)), `hello from ${format}`);
    await files.delete(uploaded.file_id, { purpose: "t2a_async_input" });
  } finally {
    await box.close();
  }
  // Ajv is an optional piece, not installed with the package: by default the sandbox then runs
  // without validation (and says so); asked to validate, it says how to get Ajv.
  const plain = await own.sandbox.startSandbox();
  assert.equal(plain.validating, false);
  await plain.close();
  await assert.rejects(own.sandbox.startSandbox({ validate: true }), /npm install ajv@8 ajv-formats@3/);
  console.log(
    `${format}: both entry points load; a thrown error is instanceof the other format's class; upload/download/delete against the packed sandbox; without Ajv, startSandbox() runs unvalidated and validate: true asks for Ajv`,
  );
};

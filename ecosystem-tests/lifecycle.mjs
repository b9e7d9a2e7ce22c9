// The lifecycle every ecosystem target runs against the sandbox (started by
// scripts/ecosystem.mjs on 127.0.0.1), through the packed package installed in the target's own
// throwaway project. It prints one JSON line: each step's outcome, for the runner to judge.
// `load` is how the target gets the package (import or require); `runtime` names it;
// `clientOptions` go to every client (a browser's dangerouslyAllowBrowser).
/** A step's finding when a call did not fail as it should. */
const unexpected = (error) => `failed: ${error ? `${error.name}: ${error.message}` : "no error"}`;
/** The call's rejection, or undefined when it resolved. */
const rejectionOf = (promise) =>
  promise.then(
    () => undefined,
    (e) => e,
  );

export async function lifecycle({ load, runtime, paths = true, clientOptions = {} }) {
  const { MiniMaxFiles, MiniMaxAPIError, MiniMaxTimeoutError, MiniMaxAbortError, MiniMaxError, MiniMaxInputError } =
    await load();
  // Where there is no process.env (a Worker, an edge VM), the host hands the addresses in here.
  const env = globalThis.ECOSYSTEM_ENV ?? process.env;
  const client = new MiniMaxFiles({
    apiKey: env.SANDBOX_KEY,
    baseUrl: env.SANDBOX_URL,
    maxRetries: 0,
    ...clientOptions,
  });
  const steps = {};
  const step = async (name, run) => {
    try {
      steps[name] = (await run()) ?? "ok";
    } catch (error) {
      steps[name] = `failed: ${error?.name}: ${error?.message}`;
    }
  };
  const text = new TextEncoder().encode(`minimax-files on ${runtime}\n`);
  let bytesId;
  await step("upload bytes", async () => {
    const file = await client.upload({ file: text, filename: "bytes.txt", purpose: "t2a_async_input" });
    bytesId = file.file_id;
    // Ids above 2^53 come back with every digit (the sandbox starts there).
    if (!(BigInt(file.file_id) > 2n ** 53n)) return `failed: id ${file.file_id} not above 2^53`;
  });
  let blobId;
  await step("upload Blob", async () => {
    const blob = new Blob([text], { type: "text/plain" });
    blobId = (await client.upload({ file: blob, filename: "blob.txt", purpose: "t2a_async_input" })).file_id;
  });
  if (paths)
    await step("upload path", async () => {
      const file = await client.upload({ file: env.ECOSYSTEM_FILE, purpose: "t2a_async_input" });
      await client.delete(file.file_id, { purpose: "t2a_async_input" });
    });
  // Without a file system, a path is an input error that names the runtime, before any byte is sent.
  else
    await step("a path refused, naming the runtime", async () => {
      const error = await rejectionOf(client.upload({ file: "chapter.txt", purpose: "t2a_async_input" }));
      if (!(error instanceof MiniMaxInputError) || !error.message.includes(runtime.split(" ")[0]))
        return unexpected(error);
    });
  await step("list", async () => {
    const files = await client.list({ purpose: "t2a_async_input" });
    if (!files.some((f) => f.file_id === bytesId)) return `failed: ${bytesId} not listed`;
  });
  await step("retrieve id exact", async () => {
    const file = await client.retrieve(bytesId);
    if (file.file_id !== bytesId) return `failed: asked ${bytesId}, got ${file.file_id}`;
  });
  await step("retrieveContent", async () => {
    const got = await client.retrieveContent(bytesId);
    if (new TextDecoder().decode(got) !== new TextDecoder().decode(text)) return "failed: other bytes";
  });
  await step("delete", async () => {
    await client.delete(bytesId, { purpose: "t2a_async_input" });
    await client.delete(blobId, { purpose: "t2a_async_input" });
  });
  await step("typed business error", async () => {
    const error = await rejectionOf(client.retrieve(bytesId));
    if (!(error instanceof MiniMaxAPIError) || !(error instanceof MiniMaxError)) return unexpected(error);
  });
  await step("time-out", async () => {
    const stalled = new MiniMaxFiles({
      apiKey: env.SANDBOX_KEY,
      baseUrl: env.STALL_URL,
      maxRetries: 0,
      timeout: 300,
      ...clientOptions,
    });
    const error = await rejectionOf(stalled.list({ purpose: "t2a_async_input" }));
    if (!(error instanceof MiniMaxTimeoutError)) return unexpected(error);
  });
  await step("abort", async () => {
    const stalled = new MiniMaxFiles({
      apiKey: env.SANDBOX_KEY,
      baseUrl: env.STALL_URL,
      maxRetries: 0,
      ...clientOptions,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejectionOf(stalled.list({ purpose: "t2a_async_input" }, { signal: controller.signal }));
    if (!(error instanceof MiniMaxAbortError)) return unexpected(error);
  });
  // A key of this run's own, so the flaky server answers its first list call 503 (then a list).
  const key = `sk-ecosystem-${Math.random().toString(36).slice(2)}-0123456789`;
  const flaky = new MiniMaxFiles({ apiKey: key, baseUrl: env.FLAKY_URL, maxRetries: 1, ...clientOptions });
  await step("retry after a 503", async () => {
    const files = await flaky.list({ purpose: "voice_clone" });
    if (!Array.isArray(files)) return "failed: no list";
  });
  await step("key redacted from an error", async () => {
    const error = await rejectionOf(flaky.retrieve("1"));
    if (!(error instanceof MiniMaxAPIError)) return unexpected(error);
    const shown = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    if (shown.includes(key)) return "failed: the key is in the error";
  });
  return { runtime, steps };
}

// Type-checked against the package's own declarations (skipLibCheck off, moduleResolution
// bundler), then run: the typed client and the sandbox entry point, as a TypeScript user imports them.
import { MiniMaxAPIError, MiniMaxFiles, type FileObject } from "minimax-files";
import { startSandbox, type Sandbox } from "minimax-files/sandbox";

const typed: (client: MiniMaxFiles) => Promise<FileObject[]> = (client) => client.list({ purpose: "voice_clone" });
// @ts-expect-error: not a purpose list takes
const wrong = (client: MiniMaxFiles) => client.list({ purpose: "not-a-purpose" });
void wrong;
const sandbox: Sandbox = await startSandbox();
try {
  const client = new MiniMaxFiles({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 0 });
  const files = await typed(client);
  const error = await client.retrieve("1").then(
    () => undefined,
    (e: unknown) => e,
  );
  const ok = files.length === 0 && error instanceof MiniMaxAPIError;
  const runtime = `node ${process.version}, TypeScript moduleResolution bundler`;
  console.log(JSON.stringify({ runtime, steps: { "typed calls and a typed error": ok ? "ok" : "failed" } }));
} finally {
  await sandbox.close();
}

// Type-checked against the package's own declarations (skipLibCheck off; the project's tsconfig
// picks moduleResolution: node16 or bundler), then run: the typed client and the sandbox entry
// point, as a TypeScript user imports them. Shared by both TypeScript projects.
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
  const runtime = `node ${process.version}, TypeScript moduleResolution ${process.env["TS_RESOLUTION"]}`;
  console.log(JSON.stringify({ runtime, steps: { "typed calls and a typed error": ok ? "ok" : "failed" } }));
} finally {
  await sandbox.close();
}

// minimax-files/sandbox: a stateful local MiniMax file API double for tests (see docs/sandbox.md).
// Not exported from the client's entry point, and no client module imports it: `import
// "minimax-files"` never loads it.
import { createSandbox, type Sandbox, type SandboxOptions } from "./server";

export type {
  RecordedPart,
  RecordedRequest,
  RecordedResponse,
  Sandbox,
  SandboxEvent,
  SandboxExchange,
  SandboxFinding,
  SandboxOptions,
} from "./server";
export { DEFAULT_SANDBOX_KEY, FIRST_FILE_ID } from "./server";

/** Starts the sandbox on `host` (127.0.0.1) and `port` (0: a free one). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { port, host, apiKey, validate, idStart, cors, onExchange } = options;
  // Only the public options are passed on (no test hooks), and only the public fields returned.
  const {
    url,
    apiKey: key,
    validating,
    exchanges,
    findings,
    requestFindings,
    close,
  } = await createSandbox({
    ...(port !== undefined && { port }),
    ...(host !== undefined && { host }),
    ...(apiKey !== undefined && { apiKey }),
    ...(validate !== undefined && { validate }),
    ...(idStart !== undefined && { idStart }),
    ...(cors !== undefined && { cors }),
    ...(onExchange !== undefined && { onExchange }),
  });
  return { url, apiKey: key, validating, exchanges, findings, requestFindings, close };
}

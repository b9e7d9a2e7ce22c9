// check-package "tsc nodenext" (as consumer.mts and consumer.cts) and "tsc bundler" (as
// consumer.ts): types and values from both entry points, type-checked strictly against the
// installed declarations. The @ts-expect-error lines fail to compile if the declarations ever
// resolve to `any` (the error they expect would be gone). Not part of this repository's own
// type-check (tsconfig.json): "minimax-files" resolves only where the package is installed.
import {
  AuthenticationError,
  MiniMaxAPIError,
  MiniMaxFiles,
  UPLOAD_LIMITS,
  type FileObject,
  type paths,
} from "minimax-files";
import {
  DEFAULT_SANDBOX_KEY,
  FIRST_FILE_ID,
  startSandbox,
  type Sandbox,
  type SandboxFinding,
} from "minimax-files/sandbox";

export async function listVoices(): Promise<FileObject[]> {
  const sandbox: Sandbox = await startSandbox({ validate: false });
  const files = new MiniMaxFiles({ baseUrl: sandbox.url, apiKey: DEFAULT_SANDBOX_KEY });
  try {
    return await files.list({ purpose: "voice_clone" });
  } catch (error) {
    if (error instanceof AuthenticationError) console.error("check the key:", error.message);
    else if (error instanceof MiniMaxAPIError) console.error(error.status, error.statusCode, error.traceId);
    throw error;
  } finally {
    await sandbox.close();
  }
}
export const findingsOf = (sandbox: Sandbox): SandboxFinding[] => sandbox.findings;
export const firstId: bigint = FIRST_FILE_ID;
export const voiceFormats: readonly string[] = UPLOAD_LIMITS.voice_clone.formats;
type ListQuery = paths["/v1/files/list"]["get"]["parameters"]["query"];
export const query: ListQuery = { purpose: "prompt_audio" };
// @ts-expect-error "nope" is not a purpose the spec lists
export const unknownPurpose: ListQuery = { purpose: "nope" };
// @ts-expect-error the sandbox takes no such option
export const typo = () => startSandbox({ validation: false });

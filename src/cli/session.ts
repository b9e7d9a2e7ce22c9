// The client a command talks through: MiniMax (or --base-url) with the key from --api-key or
// MINIMAX_API_KEY, or, with --mock, a sandbox started in this process for this one command.
import fs from "node:fs";
import os from "node:os";
import { MiniMaxConfigError, MiniMaxFiles, MiniMaxInputError, type MiniMaxFilesOptions } from "../index";
import type { GlobalFlags } from "./args";
import { oneLine } from "./output";

export interface Session {
  files: MiniMaxFiles;
  /** Stops what the session started (the --mock sandbox, removing its files). */
  close(): Promise<void>;
  /** What close() removes, removed at once and synchronously (a second signal exits without waiting for close()). */
  closeNow(): void;
}

// The sandbox's own module (not its public entry point): its createSandbox also gives the folder
// it stores files in, which closeNow() removes.
type SandboxModule = typeof import("../sandbox/server");

/**
 * Loaded only for --mock, so that a plain command never loads the sandbox (or its multipart
 * parser). It runs with validate: false: checking exchanges against the spec needs Ajv, which is
 * not installed with the package, and its findings change no answer (the sandbox refuses the same
 * requests either way); a user trying the CLI would only see an install error instead.
 */
function loadSandbox(): SandboxModule {
  try {
    return require("../sandbox/server") as SandboxModule;
  } catch (error) {
    throw new MiniMaxInputError(
      "--mock",
      `--mock needs the sandbox that ships with minimax-files (minimax-files/sandbox), which failed to load: ${error instanceof Error ? error.message : String(error)}. Reinstall the package, or use --base-url with a running sandbox.`,
      { cause: error },
    );
  }
}

export async function openSession(
  flags: GlobalFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Session> {
  const limits: MiniMaxFilesOptions = { timeout: flags.timeout, maxRetries: flags.maxRetries };
  if (flags.mock) {
    const { createSandbox } = loadSandbox();
    let sandbox: Awaited<ReturnType<SandboxModule["createSandbox"]>>;
    try {
      sandbox = await createSandbox({ validate: false });
    } catch (error) {
      // Not a bug of the CLI: the sandbox could not make its temporary folder (TMPDIR) or listen on 127.0.0.1.
      const reason = oneLine(error instanceof Error ? error.message : String(error));
      throw new MiniMaxInputError(
        "--mock",
        `--mock could not start its sandbox (${reason}). It keeps files in a temporary folder under ${os.tmpdir()} and listens on 127.0.0.1: set TMPDIR to a writable folder.`,
        { cause: error },
      );
    }
    try {
      const { folder } = sandbox;
      return {
        files: new MiniMaxFiles({ ...limits, baseUrl: sandbox.url, apiKey: sandbox.apiKey }),
        close: () => sandbox.close(),
        closeNow: () => fs.rmSync(folder, { recursive: true, force: true }),
      };
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  }
  const apiKey = flags.apiKey ?? env["MINIMAX_API_KEY"];
  // The client would say the same in terms of its constructor; this names what a CLI user can set.
  if (apiKey === undefined || apiKey === "") {
    throw new MiniMaxConfigError(
      "apiKey",
      "No MiniMax API key: set MINIMAX_API_KEY (or pass --api-key), or try the CLI without one using --mock.",
    );
  }
  if (apiKey.trim() === "") {
    const where = flags.apiKey !== undefined ? "--api-key" : "MINIMAX_API_KEY";
    throw new MiniMaxConfigError(
      "apiKey",
      `${where} holds only whitespace: set it to your MiniMax API key, or try the CLI without one using --mock.`,
    );
  }
  return {
    files: new MiniMaxFiles({ ...limits, apiKey, region: flags.region, baseUrl: flags.baseUrl }),
    close: async () => undefined,
    closeNow: () => undefined,
  };
}

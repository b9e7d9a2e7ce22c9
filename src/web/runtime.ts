// The web build (dist/web, for runtimes without Node's built-ins: Workers, edge runtimes,
// browsers): which runtime it runs in, for the errors that name it.
import { MiniMaxInputError } from "../errors";

/** The runtime, as an error names it. */
export function runtimeName(): string {
  const g = globalThis as Record<string, unknown>;
  const agent = (g["navigator"] as { userAgent?: unknown } | undefined)?.userAgent;
  if (agent === "Cloudflare-Workers") return "Cloudflare Workers";
  if (typeof g["EdgeRuntime"] === "string") return `an edge runtime (${g["EdgeRuntime"]})`;
  if (typeof g["window"] === "object" && typeof g["document"] === "object") return "a browser";
  return "this runtime (no Node.js file system)";
}

/** What a path, an fs stream or downloadTo gets where there is no file system. */
export function noFileSystem(): MiniMaxInputError {
  return new MiniMaxInputError(
    "file",
    `${runtimeName()} has no file system, so a path cannot be read or written here: upload a Blob, a File, bytes or a ReadableStream, and read a download with retrieveContent (bytes or a stream) instead of downloadTo.`,
  );
}

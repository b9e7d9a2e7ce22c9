// node:url, node:util, node:crypto and node:stream in the web build: what the client takes from
// them, from the web platform (or, for a file: URL, the runtime's missing file system).
import { noFileSystem } from "./runtime";

/** node:url: a file: URL names a file on disk, which the web build cannot read. */
export function fileURLToPath(): never {
  throw noFileSystem();
}

/** node:util inspect, for a redacted error cause: JSON where it can be, else String. */
export function inspect(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** node:crypto randomUUID, from Web Crypto. */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

/** node:stream: nothing is a Node Readable here. */
export class Readable {
  private constructor() {}
}

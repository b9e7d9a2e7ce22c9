// A client made in a browser would put the API key in the page, for anyone who opens it to read.
// So a browser needs dangerouslyAllowBrowser: true (the OpenAI SDK's name for the same choice),
// said in code by whoever made it.
import { MiniMaxConfigError } from "../errors";

/** Whether this looks like a browser page (a window with a document, and a navigator). */
export function inBrowser(): boolean {
  const g = globalThis as Record<string, unknown>;
  return typeof g["window"] === "object" && typeof g["document"] === "object" && typeof g["navigator"] === "object";
}

/** Throws MiniMaxConfigError in a browser unless the caller allowed it. */
export function assertBrowserAllowed(allowed: unknown): void {
  if (!inBrowser() || allowed === true) return;
  throw new MiniMaxConfigError(
    "dangerouslyAllowBrowser",
    "This looks like a browser: a client made here puts the API key in the page, where anyone can read it. Call MiniMax from a server instead, or pass dangerouslyAllowBrowser: true if the key is one you mean to expose (a short-lived or restricted one). MiniMax publishes no CORS policy, so a browser may not be allowed to call its API at all.",
  );
}

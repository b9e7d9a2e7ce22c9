import { MiniMaxConfigError } from "./errors";

/** The fetch signature the client calls: the seam for tests, proxies and (later) custom transports. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Where each region's API lives. */
export const REGION_BASE_URLS = {
  /** platform.minimax.io accounts. */
  global: "https://api.minimax.io",
  /** platform.minimaxi.com (mainland China) accounts. */
  cn: "https://api.minimaxi.com",
} as const;

export type Region = keyof typeof REGION_BASE_URLS;

export interface MiniMaxFilesOptions {
  /**
   * API key, sent as `Authorization: Bearer <apiKey>`. Never included in errors or logs.
   * @default process.env.MINIMAX_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Shortcut for `baseUrl`: `'global'` → https://api.minimax.io, `'cn'` → https://api.minimaxi.com.
   * Give `region` or `baseUrl`, not both.
   * @default 'global'
   */
  region?: Region | undefined;
  /**
   * Root URL of the API, e.g. a Prism mock or a proxy.
   * @default 'https://api.minimax.io'
   * @example 'http://127.0.0.1:4010'
   */
  baseUrl?: string | undefined;
  /**
   * The function that sends every request.
   * @default globalThis.fetch
   */
  fetch?: FetchLike | undefined;
}

export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  fetch: FetchLike;
}

// RFC 9110 field-value: visible ASCII, space and tab. Anything else would make fetch throw a
// TypeError that quotes the header, and so the key.
const HEADER_SAFE = /^[\x21-\x7e][\x20-\x7e\t]*$/;

export function resolveOptions(options: MiniMaxFilesOptions = {}, env: Readonly<Record<string, string | undefined>> = process.env): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new MiniMaxConfigError("options", "new MiniMaxFiles(options) takes an options object, e.g. { apiKey, region }.");
  }
  const apiKey = options.apiKey ?? env["MINIMAX_API_KEY"];
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new MiniMaxConfigError(
      "apiKey",
      "No MiniMax API key: pass { apiKey } to new MiniMaxFiles() or set the MINIMAX_API_KEY environment variable.",
    );
  }
  if (!HEADER_SAFE.test(apiKey) || apiKey !== apiKey.trim()) {
    throw new MiniMaxConfigError("apiKey", "The API key contains whitespace at its ends or characters not allowed in an HTTP header; check how it was copied.");
  }

  if (options.region !== undefined && options.baseUrl !== undefined) {
    throw new MiniMaxConfigError("region", "Give either region or baseUrl, not both: region only picks a baseUrl.");
  }
  if (options.region !== undefined && !Object.hasOwn(REGION_BASE_URLS, options.region)) {
    throw new MiniMaxConfigError("region", `Unknown region ${JSON.stringify(options.region)}: expected one of ${Object.keys(REGION_BASE_URLS).join(", ")}.`);
  }
  const baseUrl = options.baseUrl ?? REGION_BASE_URLS[options.region ?? "global"];
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new MiniMaxConfigError("baseUrl", `baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL.`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new MiniMaxConfigError("baseUrl", `baseUrl must be http(s), got ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new MiniMaxConfigError("baseUrl", "baseUrl must not carry credentials, a query or a fragment; pass the key as apiKey.");
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new MiniMaxConfigError("fetch", "No fetch function: pass { fetch } or run on Node.js 20 or later.");
  }
  return { apiKey, baseUrl: parsed.href.replace(/\/+$/, ""), fetch: fetchImpl };
}

// A MiniMaxFiles whose fetch records every exchange (after openapi-fetch's example,
// test/helpers.ts createObservedClient). Nothing is mocked: requests go to the real server.
import { MiniMaxFiles, type MiniMaxFilesOptions } from "../../src";

export const { TEST_API_KEY } = require("../../scripts/lib/test-key.cjs") as { TEST_API_KEY: string };

export interface Exchange {
  method: string;
  url: string;
  headers: Headers;
  response: Response;
}

export function createObservedClient(baseUrl: string, options: Partial<MiniMaxFilesOptions> = {}) {
  const exchanges: Exchange[] = [];
  const inner = options.fetch ?? globalThis.fetch;
  const client = new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl,
    ...options,
    fetch: async (request) => {
      const seen = { method: request.method, url: request.url, headers: new Headers(request.headers) };
      const response = await inner(request);
      exchanges.push({ ...seen, response: response.clone() });
      return response;
    },
  });
  return { client, exchanges };
}

// One request, from its arrival to its answer: the operation is the spec's at the request's
// method and path (404 for an unknown path, 405 with Allow for a wrong method), the key is checked
// before anything is read, and the operation's answer or refusal is written by a Reply.
import type fs from "node:fs";
import type http from "node:http";
import type { ExchangeLog } from "./exchange-log";
import { baseResp, BusinessError, ClientGone, messageOf, NOT_AUTHORIZED, SUCCESS, UNKNOWN_ERROR } from "./refusal";
import type { SandboxHooks } from "./hooks";
import { Reply } from "./reply";
import { drain } from "./request-body";
import type { Operation } from "./routes";
import { readBearer, SPEC_OPERATIONS, SPEC_PATHS, type RecordedRequest } from "./validator";

export interface HandlerSetup {
  /** The only key accepted as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** The operations, by operationId (routes.ts). */
  operations: Record<string, Operation>;
  hooks: SandboxHooks;
  log: ExchangeLog;
}

/** The sandbox's request listener; it answers every request it can, and cuts the connection when it cannot. */
export function requestHandler({
  apiKey,
  operations,
  hooks,
  log,
}: HandlerSetup): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const authorized = (req: http.IncomingMessage) => {
    const token = readBearer(req.headers.authorization);
    return token.ok && token.value === apiKey;
  };

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const method = req.method ?? "GET";
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
    const seen: RecordedRequest = { method, path: url.pathname, query, headers: { ...req.headers } };
    const operation = SPEC_OPERATIONS.get(`${method} ${url.pathname}`)?.operationId;
    const reply = new Reply(res, operation, seen, hooks, log);

    const run = operation ? operations[operation] : undefined;
    if (!operation || !run) {
      req.resume();
      const known = SPEC_PATHS.has(url.pathname);
      const allow = [...SPEC_OPERATIONS.values()].filter((op) => op.path === url.pathname).map((op) => op.method);
      return reply.json(
        known ? 405 : 404,
        baseResp(known ? 405 : 404, known ? `method ${method} not allowed` : "no such operation"),
        { headers: known ? { allow: allow.join(", ") } : {} },
      );
    }
    let download: fs.ReadStream | undefined;
    try {
      if (!authorized(req)) {
        seen.unreadBody = "refused for its key before it was read";
        await drain(req);
        throw new BusinessError(NOT_AUTHORIZED, "not authorized: invalid api key");
      }
      if (method === "GET") req.resume();
      const answer = await run(req, url.searchParams, seen);
      if ("json" in answer) return reply.json(200, { ...answer.json, ...baseResp(SUCCESS, "success") });
      download = answer.content;
      await reply.file(answer.file.bytes, answer.content);
    } catch (error) {
      download?.destroy(); // an answer that failed before its bytes were sent still closes the file
      if (res.headersSent || error instanceof ClientGone) return void res.destroy();
      if (error instanceof BusinessError)
        return reply.json(200, baseResp(error.code, error.message), { refused: true });
      reply.json(500, baseResp(UNKNOWN_ERROR, `sandbox error: ${messageOf(error)}`));
    }
  };
}

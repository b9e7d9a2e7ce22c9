// The sandbox's answers for a page in a browser (the `cors` option): the origin allowed on every
// answer, and the preflight a browser sends before a request with an Authorization header.
// MiniMax's own CORS policy is not known (nothing published says a browser may call the API).
import type http from "node:http";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** `handle`, with CORS for `origin` (an origin such as http://127.0.0.1:5173, or "*"). */
export function withCors(origin: string, handle: Handler): Handler {
  return (req, res) => {
    res.setHeader("access-control-allow-origin", origin);
    if (origin !== "*") res.setHeader("vary", "origin");
    // The client reads these: the request's Trace-Id, and a download's length for progress.
    res.setHeader("access-control-expose-headers", "trace-id, content-length");
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined) {
      req.resume();
      res.writeHead(204, {
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "authorization, content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    handle(req, res);
  };
}

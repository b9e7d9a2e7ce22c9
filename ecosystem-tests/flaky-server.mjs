// A stand-in that fails on purpose, for the lifecycle's retry and redaction steps: a list call
// under a key it has not seen is answered 503 once (then a list), and a retrieve is refused with
// a message that echoes the Authorization header (the key must not reach the error). With `cors`,
// it answers a page on that origin too (its preflight included).
import http from "node:http";

export async function startFlakyServer({ cors } = {}) {
  const seen = new Set();
  const server = http.createServer((req, res) => {
    req.resume();
    if (cors) {
      res.setHeader("access-control-allow-origin", cors);
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "GET, POST",
          "access-control-allow-headers": "authorization, content-type",
        });
        return res.end();
      }
    }
    const key = String(req.headers.authorization ?? "");
    const json = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url.startsWith("/v1/files/list")) {
      if (!seen.has(key)) {
        seen.add(key);
        return json(503, { base_resp: { status_code: 1000, status_msg: "try again" } });
      }
      return json(200, { files: [], base_resp: { status_code: 0, status_msg: "success" } });
    }
    return json(200, { base_resp: { status_code: 1004, status_msg: `invalid api key: ${key}` } });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => (server.closeAllConnections(), server.close()),
  };
}

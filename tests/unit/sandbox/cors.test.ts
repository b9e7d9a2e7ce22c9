// The sandbox's `cors` option, over a real socket: the preflight a browser sends before a request
// with an Authorization header, and the origin on every answer.
import { startSandbox, type Sandbox } from "../../../src/sandbox";

let sandbox: Sandbox;
afterEach(() => sandbox?.close());

it("answers the preflight, and names the origin on every answer, the headers the client reads exposed", async () => {
  sandbox = await startSandbox({ cors: "http://127.0.0.1:5173" });
  const preflight = await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`, {
    method: "OPTIONS",
    headers: {
      origin: "http://127.0.0.1:5173",
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization",
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
  expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  const listed = await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`, {
    headers: { authorization: `Bearer ${sandbox.apiKey}`, origin: "http://127.0.0.1:5173" },
  });
  expect(await listed.json()).toMatchObject({ base_resp: { status_code: 0 } });
  expect(listed.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
  expect(listed.headers.get("access-control-expose-headers")).toBe("trace-id, content-length");
});

it("sends no CORS header without the option (a page elsewhere cannot read its answers)", async () => {
  sandbox = await startSandbox();
  const listed = await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`, {
    headers: { authorization: `Bearer ${sandbox.apiKey}` },
  });
  expect(listed.headers.get("access-control-allow-origin")).toBeNull();
  const preflight = await fetch(`${sandbox.url}/v1/files/list`, {
    method: "OPTIONS",
    headers: { "access-control-request-method": "GET" },
  });
  expect(preflight.status).toBe(405);
});

// A MiniMax stand-in on 127.0.0.1 that misbehaves on cue: each request takes the next step of a
// script (the last step repeats). It records what arrived, including whether the request body
// arrived whole, so a test can tell how many uploads the server could have stored.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Step =
  | { kind: "respond"; status?: number; headers?: Record<string, string>; body?: string | Uint8Array | object }
  /** Destroys the connection once this many body bytes have arrived. */
  | { kind: "reset-mid-body"; afterBytes: number }
  /** Reads the whole request, then closes the connection without answering. */
  | { kind: "close-before-headers" }
  /** Sends headers promising more bytes than it then sends, and closes. */
  | { kind: "cut-body"; status?: number; headers?: Record<string, string>; partial: string }
  /** Waits before answering (bounded: the wait ends when the server closes). */
  | { kind: "delay"; ms: number; then: Step }
  /** Answers the headers at once, then trickles the body slower than any test waits. */
  | { kind: "stall-body"; headers?: Record<string, string>; first: string };

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The whole request body arrived: a real server could have acted on it. */
  complete: boolean;
  at: number;
}

export interface FaultServer {
  url: string;
  requests: SeenRequest[];
  /** Requests whose body arrived whole (what a server could have stored). */
  completed(): SeenRequest[];
  close(): Promise<void>;
}

export const json = (body: object, status = 200, headers: Record<string, string> = {}): Step => ({
  kind: "respond",
  status,
  body,
  headers,
});
export const envelope = (
  statusCode: number | string | null,
  extra: object = {},
  headers: Record<string, string> = {},
): Step =>
  json({ ...extra, base_resp: { status_code: statusCode, status_msg: `code ${String(statusCode)}` } }, 200, headers);

export async function startFaultServer(script: Step[]): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const perform = (step: Step, res: http.ServerResponse, seen: SeenRequest) => {
    switch (step.kind) {
      case "respond": {
        const { status = 200, headers = {}, body = "" } = step;
        const isJson = typeof body === "object" && !(body instanceof Uint8Array);
        res.writeHead(status, { ...(isJson ? { "content-type": "application/json" } : {}), ...headers });
        res.end(isJson ? JSON.stringify(body) : body);
        return;
      }
      case "close-before-headers":
        res.socket?.destroy();
        return;
      case "cut-body":
        res.writeHead(step.status ?? 200, {
          "content-type": "application/json",
          "content-length": String(step.partial.length + 1000),
          ...step.headers,
        });
        res.write(step.partial, () => res.socket?.destroy());
        return;
      case "delay":
        later(step.ms, () => perform(step.then, res, seen));
        return;
      case "stall-body":
        res.writeHead(200, { "content-type": "application/octet-stream", ...step.headers });
        res.write(step.first);
        return;
      case "reset-mid-body":
        return; // handled while the body arrives
    }
  };

  const server = http.createServer((req, res) => {
    const step = script[Math.min(requests.length, script.length - 1)]!;
    const seen: SeenRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.alloc(0),
      complete: false,
      at: Date.now(),
    };
    requests.push(seen);
    const chunks: Buffer[] = [];
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (step.kind === "reset-mid-body" && received >= step.afterBytes) req.socket.destroy();
    });
    req.on("error", () => undefined);
    req.on("end", () => {
      seen.body = Buffer.concat(chunks);
      seen.complete = true;
      perform(step, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    completed: () => requests.filter((r) => r.complete),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Timers, sockets and other handles open now (for "no open handle remains" checks). */
export function openHandles(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((r) => !["TTYWrap", "PipeWrap", "FSReqCallback", "Immediate"].includes(r));
}

/**
 * Waits (bounded) until the open handles are back to `baseline`; returns what is still open
 * beyond it. Closed sockets take a tick or two to disappear.
 */
export async function handlesBeyond(baseline: string[], waitMs = 1000, allow: string[] = []): Promise<string[]> {
  const count = (list: string[]) =>
    list.reduce<Record<string, number>>((acc, r) => ((acc[r] = (acc[r] ?? 0) + 1), acc), {});
  const extra = () => {
    const base = count(baseline);
    const now = count(openHandles().filter((kind) => !allow.includes(kind)));
    return Object.entries(now).flatMap(([r, n]) => Array<string>(Math.max(0, n - (base[r] ?? 0))).fill(r));
  };
  for (const until = Date.now() + waitMs; Date.now() < until && extra().length; )
    await new Promise((r) => setImmediate(r));
  return extra();
}

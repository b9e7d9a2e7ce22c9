// Writing one request's answer: a JSON body or a file's bytes, every answer with a Trace-Id header,
// shaped by the test hooks when there are any, and recorded once it was handed to the socket.
// JSON is written with lossless-json, so BigInt ids go out as exact integers.

import { randomBytes } from "node:crypto";
import type http from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "lossless-json";
import type { ExchangeLog } from "./exchange-log";
import type { SandboxHead, SandboxHooks } from "./hooks";
import type { RecordedRequest } from "./validator";

export class Reply {
  private readonly traceId = randomBytes(16).toString("hex");
  private readonly started = performance.now();

  constructor(
    private readonly res: http.ServerResponse,
    /** The spec's operationId; undefined for a request to no documented operation (the hooks are not called for it). */
    private readonly operation: string | undefined,
    private readonly request: RecordedRequest,
    private readonly hooks: SandboxHooks,
    private readonly log: ExchangeLog,
  ) {}

  private shape(head: SandboxHead): SandboxHead {
    return this.operation && this.hooks.transformHead ? this.hooks.transformHead(this.operation, head) : head;
  }

  /** Writes a JSON answer and records it; `refused`: it is an in-band refusal of the request. */
  json(
    status: number,
    body: Record<string, unknown>,
    { headers = {}, refused = false }: { headers?: Record<string, string>; refused?: boolean } = {},
  ): void {
    const { operation, request } = this;
    const shaped = operation && this.hooks.transformResponse ? this.hooks.transformResponse(operation, body) : body;
    const text = stringify(shaped) ?? "";
    const head = this.shape({
      status,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(text),
        "trace-id": this.traceId,
        ...headers,
      },
    });
    this.res.writeHead(head.status, head.headers);
    this.res.end(text);
    this.log.record(
      { operation, request, response: { ...head, body: text, bytes: Buffer.byteLength(text) } },
      { refused, ms: performance.now() - this.started },
    );
  }

  /** Writes a file's bytes with their Content-Length; recorded when the head is written, since a download may take long. A failed send cuts the connection. */
  async file(bytes: number, content: Readable): Promise<void> {
    const { operation, request } = this;
    const head = this.shape({
      status: 200,
      headers: { "content-type": "application/octet-stream", "content-length": bytes, "trace-id": this.traceId },
    });
    this.res.writeHead(head.status, head.headers);
    this.log.record({ operation, request, response: { ...head, bytes } }, { ms: performance.now() - this.started });
    await pipeline(content, this.res).catch(() => this.res.destroy());
  }
}

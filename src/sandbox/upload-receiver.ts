// The streamed multipart upload. Uploads are never held in memory: the body is parsed as it
// arrives (@fastify/busboy, a runtime dependency because the sandbox ships in the package and has
// to load without extras; it has no dependencies of its own) and the file part is written to a
// spool file as it comes. Once the upload breaks a rule (over its purpose's size, a format the
// purpose does not take, a purpose outside the enum; checked as soon as the purpose is known, and
// the client sends it first) the spool file is removed at once and the rest of the body is read
// and dropped: the client gets the refusal rather than a reset, and nothing of it is kept.
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import type { Readable } from "node:stream";
import { Busboy, type BusboyHeaders } from "@fastify/busboy";
import { UPLOAD_PURPOSES } from "../../generated/constants";
import type { UploadPurpose } from "../spec/values";
import { maxBytesFor, UPLOAD_LIMITS } from "../transfer/upload-limits";
import { ClientGone, invalid, messageOf } from "./refusal";
import { drain } from "./request-body";
import type { Upload } from "./store";
import { requestMediaProblem, type RecordedPart, type RecordedRequest } from "./validator";
import { operationAt } from "./validator/spec-index";

// The form's text fields are kept in memory: these bound them (purpose is a short word).
export const FIELD_LIMIT = 64 * 1024;
export const PART_LIMIT = 64;

const UPLOAD = operationAt("POST /v1/files/upload");
const isUploadPurpose = (purpose: string): purpose is UploadPurpose =>
  (UPLOAD_PURPOSES as readonly string[]).includes(purpose);

/** Why the sandbox refuses an upload with this purpose and file part (so far), if it does. */
export function uploadProblem(
  purpose: string | undefined,
  file: { filename: string; bytes: number } | undefined,
): string | undefined {
  if (purpose === undefined || !isUploadPurpose(purpose)) return `purpose must be one of ${UPLOAD_PURPOSES.join(", ")}`;
  if (!file) return "file must be a file part";
  const limits = UPLOAD_LIMITS[purpose];
  if (!limits) return undefined; // no documented limits: MiniMax's own checks are unknown
  const extension = path.extname(file.filename).slice(1).toLowerCase();
  if (!limits.formats.includes(extension))
    return `${purpose} takes ${limits.formats.join(", ")} files, not ${JSON.stringify(file.filename)}`;
  const maxBytes = maxBytesFor(limits, extension);
  if (maxBytes !== undefined && file.bytes > maxBytes)
    return `file too large: ${file.bytes} bytes, ${purpose} takes at most ${maxBytes}`;
  return undefined;
}

/** The `file` part as recorded (and judged), and where its bytes are kept while it is not refused. */
interface FilePart {
  part: { filename: string; type: string; bytes: number };
  spool: string | undefined;
}

/** What one upload has received so far: shared by the parser's listeners and the part readers. */
class Reception {
  readonly parts: Record<string, RecordedPart> = {};
  purpose: string | undefined;
  file: FilePart | undefined;
  limitProblem: string | undefined; // a part or field over the sandbox's own limits
  failure: unknown; // the sandbox's own (a write that failed)
  readonly streams = new Set<Readable>();
  readonly readers: Promise<void>[] = [];

  constructor(readonly seen: RecordedRequest) {
    seen.form = this.parts;
  }

  refusedSoFar(): boolean {
    return (
      this.limitProblem !== undefined ||
      this.failure !== undefined ||
      (this.purpose !== undefined && uploadProblem(this.purpose, this.file?.part) !== undefined)
    );
  }

  /** Writes the file part to its spool file as it comes, and stops (removing it) once the upload is refused. */
  async spool(stream: Readable, target: FilePart, spool: string): Promise<void> {
    const { part } = target;
    let out: fs.promises.FileHandle | undefined;
    const discard = async () => {
      const open = out;
      out = undefined;
      target.spool = undefined;
      await open?.close().catch(() => undefined);
      await fs.promises.rm(spool, { force: true });
    };
    try {
      out = await fs.promises.open(spool, "wx");
      target.spool = spool;
    } catch (error) {
      this.failure ??= error;
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        part.bytes += chunk.length;
        if (out && this.refusedSoFar()) await discard();
        // Awaiting each write holds the parser, and through it the socket: memory stays bounded.
        if (out) await out.write(chunk).catch(async (error: unknown) => ((this.failure ??= error), await discard()));
      }
      const done = out;
      out = undefined;
      await done?.close();
    } catch (error) {
      this.seen.formError ??= messageOf(error); // the body ended inside the part, or the parse failed
      await discard();
    }
  }

  /** Counts a part that is not kept (a second `file`, or a file part under another name). */
  async drop(stream: Readable, part: { bytes: number }): Promise<void> {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) part.bytes += chunk.length;
    } catch (error) {
      this.seen.formError ??= messageOf(error);
    }
  }

  listen(parser: ReturnType<typeof Busboy>, spoolPath: () => string): void {
    parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
      if (name in this.parts) return; // the first of a repeated field counts, as the validator records it
      this.parts[name] = value;
      if (valueTruncated) this.limitProblem ??= `the field ${name} is longer than ${FIELD_LIMIT} bytes`;
      if (name === "purpose") this.purpose = value;
    });
    parser.on("file", (name, stream, filename, _encoding, type) => {
      const part = { filename: filename ?? "", type, bytes: 0 };
      this.streams.add(stream);
      stream.once("close", () => this.streams.delete(stream));
      // spool() opens its file before it reads: a body that ends inside this part, all in one chunk,
      // errors the part before anyone listens, which would crash the process. Its reader still gets
      // the error (iterating a stream destroyed with an error throws it).
      stream.on("error", () => undefined);
      const first = !(name in this.parts);
      if (first) this.parts[name] = part;
      if (first && name === "file") {
        this.file = { part, spool: undefined };
        this.readers.push(this.spool(stream, this.file, spoolPath()));
      } else {
        this.readers.push(this.drop(stream, part));
      }
    });
    parser.on("partsLimit", () => (this.limitProblem ??= `the body has more than ${PART_LIMIT} parts`));
  }
}

/** Pipes the request into the parser until the body ended; rejects with ClientGone when the client went away first. */
function parseToEnd(req: http.IncomingMessage, parser: ReturnType<typeof Busboy>, reception: Reception): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const gone = () => reject(new ClientGone("the request was cut before its body ended"));
    parser.once("finish", resolve);
    let failed = false;
    parser.on("error", (error: unknown) => {
      if (failed) return;
      failed = true;
      reception.seen.formError ??= messageOf(error);
      // A body the parser cannot read is still read to its end, so that the refusal is answered.
      req.unpipe(parser);
      for (const stream of reception.streams) stream.destroy(error instanceof Error ? error : new Error(String(error)));
      void drain(req).then(() => (req.complete ? resolve() : gone()));
    });
    req.on("error", gone); // only ever "aborted": the socket went away
    req.once("close", () => (req.complete ? undefined : gone()));
    req.pipe(parser);
  });
}

/**
 * Streams a multipart upload: its text fields are recorded (seen.form), its first `file` part goes
 * to a spool file (at spoolPath()) that stops being written, and is removed, as soon as
 * uploadProblem (or a part or field over the sandbox's limits) refuses it. Resolves once the whole
 * body was read, with the spool file of an upload that can be stored; a refused one leaves nothing.
 */
export async function receiveUpload(
  req: http.IncomingMessage,
  seen: RecordedRequest,
  spoolPath: () => string,
): Promise<Upload> {
  const mediaProblem = requestMediaProblem(UPLOAD, req.headers["content-type"]);
  const malformed = () => invalid("the body must be multipart/form-data with the parts purpose and file");
  if (mediaProblem !== undefined) {
    seen.unreadBody = mediaProblem;
    await drain(req);
    throw malformed();
  }
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({ headers: req.headers as BusboyHeaders, limits: { fieldSize: FIELD_LIMIT, parts: PART_LIMIT } });
  } catch (error) {
    seen.formError = messageOf(error); // e.g. no boundary
    await drain(req);
    throw malformed();
  }

  const reception = new Reception(seen);
  reception.listen(parser, spoolPath);
  try {
    await parseToEnd(req, parser, reception);
  } catch (error) {
    for (const stream of reception.streams) stream.destroy();
    await Promise.allSettled(reception.readers);
    if (reception.file?.spool) await fs.promises.rm(reception.file.spool, { force: true });
    throw error;
  }
  await Promise.all(reception.readers);

  const { purpose, file, failure, limitProblem } = reception;
  const spool = file?.spool;
  const problem = uploadProblem(purpose, file?.part) ?? limitProblem;
  if (
    seen.formError !== undefined ||
    failure !== undefined ||
    problem !== undefined ||
    purpose === undefined ||
    !file ||
    spool === undefined
  ) {
    if (spool !== undefined) await fs.promises.rm(spool, { force: true });
    if (seen.formError !== undefined) throw malformed();
    if (failure !== undefined) throw failure;
    throw problem !== undefined ? invalid(problem) : new Error("the upload was not stored");
  }
  return { purpose, filename: file.part.filename, bytes: file.part.bytes, spool };
}

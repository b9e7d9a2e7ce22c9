// toFile(): names bytes or a stream for upload, and gives a stream the size it cannot tell.
import { MiniMaxInputError } from "../errors";
import { describeInput } from "../util/describe";
import { assertMediaType } from "../util/inputs";
import { NAMED, type NamedUpload } from "./upload-source";

export interface ToFileOptions {
  /**
   * The part's Content-Type.
   * @default from the name's extension
   */
  type?: string | undefined;
  /**
   * The stream's length in bytes, when known: it is then sent with a Content-Length (gateways may
   * refuse uploads without one) and checked against the documented size limit before sending.
   * A stream that yields a different number of bytes is refused and the request cut.
   */
  size?: number | undefined;
}

/**
 * Names the content of an upload (a Buffer, a Blob, a stream, an async iterable, a fetch
 * Response, a path) so `upload({ file })` needs no separate `filename`.
 *
 * @example
 * await files.upload({ file: toFile(res.body, 'voice.mp3', { size: 1_234_567 }), purpose: 'voice_clone' });
 */
export function toFile(source: unknown, name?: string, options: ToFileOptions = {}): NamedUpload {
  if (name !== undefined && (typeof name !== "string" || name.trim() === "")) {
    throw new MiniMaxInputError(
      "name",
      `toFile's name must be a non-empty string like "voice.mp3", got ${describeInput(name)}.`,
    );
  }
  const { type, size } = options;
  if (type !== undefined) assertMediaType(type, "type");
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) {
    throw new MiniMaxInputError("size", `toFile's size must be a whole number of bytes, got ${describeInput(size)}.`);
  }
  return Object.freeze({ [NAMED]: true as const, source, name, type, size });
}

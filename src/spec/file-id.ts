// File ids are int64. The client hands them out as decimal strings (exact above 2^53) and takes
// a string, a bigint or a safe-integer number; a number above 2^53 − 1 has already lost digits
// and would address a different file, so it is refused rather than rounded.
import { MiniMaxInputError } from "../errors";
import { describeInput } from "../util/describe";

/** A MiniMax file id as the client returns it: the int64 in decimal, e.g. `"302892389810432"`. */
export type FileId = string;
/** What the methods accept as a file id. */
export type FileIdInput = string | bigint | number;

const INT64_MAX = 9223372036854775807n;
const POSITIVE_DECIMAL = /^[1-9]\d*$/;

/** The id in canonical decimal form, or a MiniMaxInputError naming `input`. */
export function toFileId(value: unknown, input = "fileId"): FileId {
  let id: bigint | undefined;
  if (typeof value === "string" && POSITIVE_DECIMAL.test(value)) id = BigInt(value);
  else if (typeof value === "bigint") id = value;
  else if (typeof value === "number" && Number.isInteger(value)) {
    if (!Number.isSafeInteger(value)) {
      throw new MiniMaxInputError(
        input,
        `${input} ${value} is above 2^53 - 1 and has lost precision as a JavaScript number; pass the id as the string MiniMax returned.`,
      );
    }
    id = BigInt(value);
  }
  if (id === undefined || id <= 0n || id > INT64_MAX) {
    throw new MiniMaxInputError(
      input,
      `${input} must be a positive int64 file id (a decimal string, a bigint or a safe integer), got ${describeInput(value)}.`,
    );
  }
  return id.toString();
}

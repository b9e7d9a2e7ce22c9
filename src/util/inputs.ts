// Checks on method arguments, run before any byte is sent. Each error names the argument.
import { MiniMaxInputError } from "../errors";
import { describeInput as describe } from "./describe";
import { isRecord } from "./guards";

export function assertObject(value: unknown, input: string): asserts value is Record<string, unknown> {
  if (!isRecord(value)) {
    throw new MiniMaxInputError(input, `${input} must be an object, got ${describe(value)}.`);
  }
}

export function assertOptionalFunction(
  value: unknown,
  input: string,
): asserts value is ((...args: never[]) => unknown) | undefined {
  if (value !== undefined && typeof value !== "function")
    throw new MiniMaxInputError(input, `${input} must be a function, got ${describe(value)}.`);
}

export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  input: string,
): asserts value is T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new MiniMaxInputError(input, `${input} must be one of ${allowed.join(", ")}; got ${describe(value)}.`);
  }
}

/** A part's Content-Type: a media type, with parameters, on one line (it goes into the body's headers). */
export function assertMediaType(value: unknown, input: string): asserts value is string {
  if (typeof value !== "string" || !/^[\w.+-]+\/[\w.+-]+(\s*;[^\r\n]*)?$/.test(value)) {
    throw new MiniMaxInputError(input, `${input} must be a media type like "audio/mpeg", got ${describe(value)}.`);
  }
}

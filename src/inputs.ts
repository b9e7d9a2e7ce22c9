// Checks on method arguments, run before any byte is sent. Each error names the argument.
import { MiniMaxInputError } from "./errors";

export function assertObject(value: unknown, input: string): asserts value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) {
    throw new MiniMaxInputError(input, `${input} must be an object, got ${describe(value)}.`);
  }
}

export function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], input: string): asserts value is T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new MiniMaxInputError(input, `${input} must be one of ${allowed.join(", ")}; got ${describe(value)}.`);
  }
}

/**
 * MiniMax file ids are int64. Until ids above 2^53 can be carried losslessly, only safe integers
 * are accepted: a larger number has already lost digits and would address a different file.
 */
export function assertFileId(value: unknown, input = "fileId"): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new MiniMaxInputError(input, `${input} must be a positive integer file id, got ${describe(value)}.`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new MiniMaxInputError(input, `${input} ${value} is above 2^53 - 1 and has lost precision as a JavaScript number.`);
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${value.constructor?.name ?? "Object"})` : typeof value;
}

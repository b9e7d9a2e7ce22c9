import { isErrorLike } from "../util/guards";
import { MiniMaxError } from "./minimax-error";

/** One of this package's errors where a failure started (a body stream's), however deep it sits in a cause chain (fetch wraps it). */
export function ourErrorIn(error: unknown): MiniMaxError | undefined {
  for (let e = error, depth = 0; isErrorLike(e) && depth < 5; e = e.cause, depth++)
    if (e instanceof MiniMaxError) return e;
  return undefined;
}

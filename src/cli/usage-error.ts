/** The command line cannot be run as given (exit code 2). Commander's own errors are turned into this. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

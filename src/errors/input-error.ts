import { MiniMaxError, named } from "./minimax-error";

/** A method argument is invalid; thrown before any byte is sent. */
export class MiniMaxInputError extends MiniMaxError {
  static {
    named(this, "MiniMaxInputError");
  }
  constructor(
    /** The argument at fault, e.g. `"purpose"`, `"fileId"` or `"options.timeout"`. */
    readonly input: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

import { MiniMaxError, named } from "./minimax-error";

/** The client was constructed with options it cannot work with (no API key, unknown region, …). */
export class MiniMaxConfigError extends MiniMaxError {
  static {
    named(this, "MiniMaxConfigError");
  }
  constructor(
    /** The constructor option at fault, e.g. `"apiKey"`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

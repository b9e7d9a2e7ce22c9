// What every command is given: the client, the signal Ctrl-C aborts, and where output goes.
import type { MiniMaxFiles } from "../index";
import type { Invocation } from "./args";
import type { ForcedExitCleanups } from "./interrupted";
import type { Printer } from "./output";
import type { Progress } from "./progress";

export interface CommandContext {
  files: MiniMaxFiles;
  /** Aborted by Ctrl-C: every call in flight gets it. */
  signal: AbortSignal;
  printer: Printer;
  progress: Progress;
  json: boolean;
  /** Where a download registers the removal of its temporary file, for a second signal that cannot wait. */
  cleanups?: ForcedExitCleanups | undefined;
}

export type Of<C extends Invocation["command"]> = Extract<Invocation, { command: C }>;

// The one table of exit codes: what each means, and which errors lead to it. --help prints it and
// docs/cli.md shows it (written by scripts/docs.mjs), so scripts can branch on the kind of failure (fix the command line, fix
// the key, wait and retry, …) without parsing messages. An error gets the first row it matches,
// decided by its class (the library's error classes say what happened; messages are for people).
import {
  AuthenticationError,
  InternalServerError,
  MiniMaxAbortError,
  MiniMaxAPIError,
  MiniMaxConfigError,
  MiniMaxConnectionError,
  MiniMaxInputError,
  MiniMaxResponseError,
  MiniMaxTimeoutError,
  PermissionDeniedError,
  RateLimitError,
} from "../index";
import { Interrupted } from "./interrupted";
import { UsageError } from "./usage-error";

export type ExitKind =
  | "ok"
  | "unexpected"
  | "usage"
  | "input"
  | "auth"
  | "rate_limit"
  | "server"
  | "network"
  | "refused"
  | "interrupted";

export interface ExitCodeRow {
  code: number;
  kind: ExitKind;
  /** For --help and docs/cli.md: when a run ends with this code. */
  when: string;
  /** The errors that lead here, as the table shows them. */
  errors: string;
  /** Whether an error belongs to this row; rows without one are not reached through an error. */
  matches?: (error: unknown) => boolean;
}

export const EXIT_CODES: readonly ExitCodeRow[] = [
  { code: 0, kind: "ok", when: "everything asked for was done", errors: "" },
  {
    code: 2,
    kind: "usage",
    when: "the command line is wrong: unknown command or flag, missing argument, bad flag value",
    errors: "UsageError; MiniMaxConfigError except on apiKey",
    // The CLI checks every flag it passes to the client, so a config error left is a flag (--base-url) the client refused.
    matches: (e) => e instanceof UsageError || (MiniMaxConfigError.is(e) && e.option !== "apiKey"),
  },
  {
    code: 3,
    kind: "input",
    when: "a file, file id or destination was refused before anything was sent, or --mock could not start its sandbox",
    errors: "MiniMaxInputError",
    matches: (e) => MiniMaxInputError.is(e),
  },
  {
    code: 4,
    kind: "auth",
    when: "no API key, or MiniMax refused it (wrong key, other region, no access)",
    errors: "MiniMaxConfigError on apiKey, AuthenticationError, PermissionDeniedError",
    matches: (e) =>
      (MiniMaxConfigError.is(e) && e.option === "apiKey") || AuthenticationError.is(e) || PermissionDeniedError.is(e),
  },
  {
    code: 5,
    kind: "rate_limit",
    when: "rate limited, still after the client's retries",
    errors: "RateLimitError",
    matches: (e) => RateLimitError.is(e),
  },
  {
    code: 6,
    kind: "server",
    when: "MiniMax failed, or answered with something the client cannot use",
    errors: "InternalServerError, MiniMaxResponseError",
    matches: (e) => InternalServerError.is(e) || MiniMaxResponseError.is(e),
  },
  {
    code: 7,
    kind: "network",
    when: "no complete answer: connection failed, or --timeout ran out",
    errors: "MiniMaxConnectionError, MiniMaxTimeoutError",
    matches: (e) => MiniMaxConnectionError.is(e) || MiniMaxTimeoutError.is(e),
  },
  {
    code: 8,
    kind: "refused",
    when: "MiniMax refused the request (invalid params, file not found, balance, content safety)",
    errors: "any other MiniMaxAPIError: BadRequestError, NotFoundError, …",
    matches: (e) => MiniMaxAPIError.is(e),
  },
  {
    code: 130,
    kind: "interrupted",
    when: "Ctrl-C: transfers were cancelled, no partial download left (SIGTERM: the same, 143; SIGHUP: 129)",
    errors: "MiniMaxAbortError",
    matches: (e) => MiniMaxAbortError.is(e) || e instanceof Interrupted,
  },
  // Last: it is what no other row claims.
  {
    code: 1,
    kind: "unexpected",
    when: "any other error: a bug in this CLI, please report it",
    errors: "",
    matches: () => true,
  },
];

export function exitRowFor(error: unknown): ExitCodeRow {
  // The last row matches everything, so there is always one.
  return EXIT_CODES.find((row) => row.matches?.(error)) ?? (EXIT_CODES[EXIT_CODES.length - 1] as ExitCodeRow);
}

export const exitCodeFor = (error: unknown): number => exitRowFor(error).code;

/** The table as --help shows it, in code order, wrapped to fit 80 columns. */
export function exitCodesHelp(): string {
  const rows = [...EXIT_CODES].sort((a, b) => a.code - b.code);
  const width = Math.max(...rows.map((r) => r.kind.length));
  const indent = " ".repeat(2 + 3 + 2 + width + 2);
  const wrap = (text: string) => {
    const lines = [""];
    for (const word of text.split(" ")) {
      const last = lines.length - 1;
      if (lines[last] && indent.length + (lines[last] ?? "").length + 1 + word.length > 80) lines.push(word);
      else lines[last] = lines[last] ? `${lines[last]} ${word}` : word;
    }
    return lines.join(`\n${indent}`);
  };
  return [
    "Exit codes:",
    ...rows.map(
      (r) =>
        `  ${String(r.code).padStart(3)}  ${r.kind.padEnd(width)}  ${wrap(r.errors ? `${r.when} [${r.errors}]` : r.when)}`,
    ),
  ].join("\n");
}

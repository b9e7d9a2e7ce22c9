// The command line: commands, flags and --help, parsed by commander into an Invocation (plain
// data) that commands.ts runs. Nothing here talks to MiniMax. Every flag value is checked here, so
// a bad one is a usage error (exit 2) naming the flag, before a client exists.
import { Command, CommanderError, Option } from "commander";
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT,
  DELETE_PURPOSES,
  LIST_PURPOSES,
  REGION_BASE_URLS,
  UPLOAD_PURPOSES,
  type DeletePurpose,
  type ListPurpose,
  type Region,
  type UploadPurpose,
} from "../index";
import { MAX_TIMER_MS } from "../core/options";
import { exitCodeFor } from "./exit-codes";
import { baseUrl, wholeNumber } from "./option-values";
import { UsageError } from "./usage-error";

import { NOTES, PROGRAM } from "./help-text";

export { PROGRAM };
export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 64;
// The client takes no longer: setTimeout cannot wait longer than 2^31 - 1 ms.
const MAX_RETRIES = 100;

/** The flags every command takes. */
export interface GlobalFlags {
  apiKey: string | undefined;
  region: Region | undefined;
  baseUrl: string | undefined;
  timeout: number | undefined;
  maxRetries: number | undefined;
  json: boolean;
  mock: boolean;
}

export type Invocation =
  | {
      command: "upload";
      paths: string[];
      purpose: UploadPurpose;
      concurrency: number;
      checkLimits: boolean;
      /** upload --skip-existing: leave out the files stored already (same name and size). */
      skipExisting: boolean;
      flags: GlobalFlags;
    }
  | { command: "list"; purpose: ListPurpose; flags: GlobalFlags }
  | { command: "retrieve"; fileId: string; flags: GlobalFlags }
  | { command: "download"; fileId: string; output: string | undefined; flags: GlobalFlags }
  | { command: "delete"; fileIds: string[]; purpose: DeletePurpose; flags: GlobalFlags };

/** Either something to run, or the exit code of a run that ended while parsing (--help, --version). */
export type ParseOutcome = { run: Invocation } | { exitCode: number };

export interface HelpOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

const purposeOption = (purposes: readonly string[]) =>
  new Option("--purpose <purpose>", "what the files are for").choices(purposes).makeOptionMandatory();

function program(version: string, output: HelpOutput, run: (invocation: Invocation) => void): Command {
  const root = new Command(PROGRAM)
    .description("Upload, list, retrieve, download and delete files with the MiniMax File Management API.")
    // Set before any subcommand exists: subcommands copy these settings when created.
    .exitOverride()
    // Errors are printed by the caller, as one line and with secrets removed; help goes where commander sends it.
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr, outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true })
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show this help")
    // Not .env(): its value would count as given and conflict with --mock; the key is read from the environment when the client is made.
    .addOption(new Option("--api-key <key>", "MiniMax API key (default: $MINIMAX_API_KEY, which keeps it out of `ps`)"))
    .addOption(
      new Option(
        "--region <region>",
        "global (api.minimax.io) or cn (api.minimaxi.com); keys work only in their region (default: global)",
      )
        .choices(Object.keys(REGION_BASE_URLS))
        .conflicts("baseUrl"),
    )
    .addOption(
      new Option("--base-url <url>", "API root URL instead of a region's, e.g. a running sandbox").argParser(baseUrl),
    )
    .addOption(
      new Option(
        "--timeout <ms>",
        `time limit of each call in milliseconds, retries included (default: ${DEFAULT_TIMEOUT})`,
      ).argParser(wholeNumber(1, MAX_TIMER_MS)),
    )
    .addOption(
      new Option(
        "--max-retries <n>",
        `retries of a failed call: rate limits, 5xx, lost connections (default: ${DEFAULT_MAX_RETRIES})`,
      ).argParser(wholeNumber(0, MAX_RETRIES)),
    )
    .addOption(new Option("--json", "print one JSON document on stdout and nothing else there; errors stay on stderr"))
    .addOption(
      new Option(
        "--mock",
        "use a throwaway in-process sandbox, not MiniMax: its files last for this one command only",
      ).conflicts(["apiKey", "baseUrl", "region"]),
    )
    .addHelpText("after", NOTES);

  const flags = (command: Command): GlobalFlags => {
    const all = command.optsWithGlobals<Partial<GlobalFlags>>();
    return {
      apiKey: all.apiKey,
      region: all.region,
      baseUrl: all.baseUrl,
      timeout: all.timeout,
      maxRetries: all.maxRetries,
      json: all.json === true,
      mock: all.mock === true,
    };
  };

  root
    .command("upload")
    .description("upload files (several at once), with a progress bar and a summary line per file")
    .argument("<path...>", "files to upload")
    .addOption(purposeOption(UPLOAD_PURPOSES))
    .addOption(
      new Option("--concurrency <n>", `files uploaded at once (1 to ${MAX_CONCURRENCY})`)
        .default(DEFAULT_CONCURRENCY)
        .argParser(wholeNumber(1, MAX_CONCURRENCY)),
    )
    .option(
      "--no-check-limits",
      "send files outside the formats and sizes MiniMax documents for the purpose (checked by default, before sending)",
    )
    .option(
      "--skip-existing",
      "do not send a file whose name and size are stored under the purpose already (one list call): for running a failed batch again",
    )
    .addHelpText("after", "\nExits non-zero if any file failed (with the code of the first that did), naming each.")
    .action(
      (
        paths: string[],
        options: { purpose: UploadPurpose; concurrency: number; checkLimits: boolean; skipExisting?: boolean },
        command: Command,
      ) => {
        run({
          command: "upload",
          paths,
          purpose: options.purpose,
          concurrency: options.concurrency,
          checkLimits: options.checkLimits,
          skipExisting: options.skipExisting === true,
          flags: flags(command),
        });
      },
    );

  root
    .command("list")
    .description("list the files of one purpose, as a table")
    .addOption(purposeOption(LIST_PURPOSES))
    .action((options: { purpose: ListPurpose }, command: Command) =>
      run({ command: "list", purpose: options.purpose, flags: flags(command) }),
    );

  root
    .command("retrieve")
    .description("show one file's record")
    .argument("<file_id>", "the file's id")
    .action((fileId: string, _options: object, command: Command) =>
      run({ command: "retrieve", fileId, flags: flags(command) }),
    );

  root
    .command("download")
    .description("save a file's content, atomically (no partial file is ever left), with a progress bar")
    .argument("<file_id>", "the file's id")
    .option(
      "-o, --output <path>",
      "where to save it, replacing a file there (default: the file's name, in the current folder, which must not exist yet)",
    )
    .action((fileId: string, options: { output?: string }, command: Command) =>
      run({ command: "download", fileId, output: options.output, flags: flags(command) }),
    );

  root
    .command("delete")
    .description("delete files")
    .argument("<file_id...>", "the files' ids")
    .addOption(purposeOption(DELETE_PURPOSES))
    .addHelpText(
      "after",
      "\n--purpose must be the files' own purpose. Deletes one at a time; exits non-zero if any failed\n(with the code of the first that did), naming each.",
    )
    .action((fileIds: string[], options: { purpose: DeletePurpose }, command: Command) =>
      run({ command: "delete", fileIds, purpose: options.purpose, flags: flags(command) }),
    );

  return root;
}

/** Commander's message as one line, without its "error: " prefix and without any `--flag=value` value (it may be a key given to a mistyped flag). */
function usageMessage(message: string): string {
  const line = message
    .replace(/^error: /, "")
    .replace(/'(--?[\w-]+)=[^']*'/g, "'$1=…'")
    .replace(/\s*\n\s*/g, " ")
    .trim();
  return `${line} (see ${PROGRAM} --help)`;
}

/** Parses argv (without node and the script); throws UsageError for a command line that cannot run. */
export function parseCommandLine(argv: readonly string[], version: string, output: HelpOutput): ParseOutcome {
  let invocation: Invocation | undefined;
  try {
    program(version, output, (parsed) => (invocation = parsed)).parse(argv, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return { exitCode: 0 };
    // Help written because no command was given (commander says exit code 1): still a usage error.
    if (error.code === "commander.help")
      return { exitCode: error.exitCode === 0 ? 0 : exitCodeFor(new UsageError("no command given")) };
    throw new UsageError(usageMessage(error.message));
  }
  if (!invocation) throw new UsageError(`no command given (see ${PROGRAM} --help)`);
  return { run: invocation };
}

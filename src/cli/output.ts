// What the CLI prints: tables and records for people on stdout, one JSON document for --json on
// stdout, and errors as one line each on stderr. Every line on stderr passes through the scrubber:
// the library keeps the key out of its errors, and this keeps it out of the CLI's own text too
// (commander's messages quote what was typed).
import { type FileObject, MiniMaxAbortError } from "../index";
import { createRedactor } from "../errors/redact";
import { exitRowFor, type ExitKind } from "./exit-codes";
import { PROGRAM } from "./args";
import { Interrupted, interruptedCode } from "./interrupted";

export interface Sink {
  write(text: string): unknown;
}

/** The text with every known key (and any `Bearer …` value) replaced by [REDACTED]. */
export type Scrubber = (text: string) => string;

export function scrubberFor(secrets: ReadonlyArray<string | undefined>): Scrubber {
  // An empty list still removes Bearer values.
  const redactors = [...new Set(secrets.filter((s): s is string => !!s))].map(createRedactor);
  if (redactors.length === 0) redactors.push(createRedactor(""));
  return (text) => redactors.reduce((t, r) => r.text(t), text);
}

// C0 controls (but newline, which only line() lets through), DEL and C1 controls: a file name or
// message from the server could otherwise move the cursor, retitle the terminal or clear it.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const NEWLINE = /\n/g;
const escapeControl = (c: string) =>
  c === "\t" ? "\\t" : c === "\r" ? "\\r" : c === "\n" ? "\\n" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;

/** `text` with every control character shown as an escape (`\x1b`, `\t`, `\n`): safe to print to a terminal. */
export function printable(text: string): string {
  return text.replace(CONTROL, escapeControl).replace(NEWLINE, escapeControl);
}

/** Like printable(), but each line of a multi-line text (a table, a record) is kept. */
const printableLines = (text: string) => text.split("\n").map(printable).join("\n");

/** Whether `text` holds a control character (C0, DEL or C1). */

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(bytes)} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

/** MiniMax's `created_at` (Unix seconds) in UTC, to the second. */
export function formatTimestamp(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function fileTable(files: readonly FileObject[]): string {
  const header = ["FILE_ID", "FILENAME", "BYTES", "CREATED_AT", "PURPOSE"];
  // Escaped before the widths are measured, so the columns line up with what is shown.
  const rows = files.map((f) =>
    [f.file_id, f.filename, String(f.bytes), formatTimestamp(f.created_at), f.purpose].map(printable),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const BYTES = 2;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === BYTES ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [header, ...rows].map(line).join("\n");
}

export function fileRecord(file: FileObject): string {
  const fields: Array<[string, string]> = [
    ["file_id", file.file_id],
    ["filename", file.filename],
    ["bytes", `${file.bytes} (${formatBytes(file.bytes)})`],
    ["created_at", `${file.created_at} (${formatTimestamp(file.created_at)})`],
    ["purpose", file.purpose],
  ];
  if (file.download_url !== undefined) fields.push(["download_url", file.download_url]);
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${printable(v)}`).join("\n");
}

export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ").trim();

// The library's messages name its own options; a CLI user sets the flag instead.
const FLAG_FOR_OPTION: ReadonlyArray<[string, string]> = [["pass checkLimits: false", "pass --no-check-limits"]];
const inCliTerms = (text: string) => FLAG_FOR_OPTION.reduce((t, [option, flag]) => t.replaceAll(option, flag), text);

/** An error as one readable line, with MiniMax's Trace-Id when the answer had one. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  // "uploadFile (POST …) was aborted by its signal" is the library speaking: an operator pressed Ctrl-C.
  if (MiniMaxAbortError.is(error) && error.cause instanceof Interrupted)
    return `cancelled (${error.cause.signalName === "SIGINT" ? "Ctrl-C" : error.cause.signalName})`;
  const row = exitRowFor(error);
  // Classes the table names explain themselves; anything else needs its name to be understood.
  const text = row.kind === "unexpected" ? `${error.name}: ${error.message}` : error.message;
  const traceId = traceIdOf(error);
  return inCliTerms(oneLine(traceId && !text.includes(traceId) ? `${text} (Trace-Id ${traceId})` : text));
}

function traceIdOf(error: unknown): string | undefined {
  const traceId: unknown = (error as { traceId?: unknown } | null)?.traceId;
  return typeof traceId === "string" && traceId !== "" ? traceId : undefined;
}

/** An error in a --json document. */
export interface ErrorJson {
  kind: ExitKind;
  exitCode: number;
  name: string;
  message: string;
  traceId?: string;
}

/** `signal`: the run's; an error it cut short gets the exit code of the signal that came (143 for SIGTERM), not 130. */
export function errorJson(error: unknown, scrub: Scrubber, signal?: AbortSignal): ErrorJson {
  const row = exitRowFor(error);
  const traceId = traceIdOf(error);
  return {
    kind: row.kind,
    exitCode: row.kind === "interrupted" && signal?.aborted ? interruptedCode(signal) : row.code,
    name: error instanceof Error ? error.name : typeof error,
    message: scrub(errorText(error)),
    ...(traceId !== undefined && { traceId: scrub(traceId) }),
  };
}

// JSON.stringify escapes C0 controls but writes DEL and C1 controls as they are; a terminal may act on them.
const jsonText = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** Runs `write` (which writes `text` to `to`) now, or has the progress bars show `text` (see progress.ts). */
export type Gate = (to: "stdout" | "stderr", text: string, write: () => void) => void;

/**
 * Writes to stdout and stderr. `gate` lets the progress bars hold lines back while they are being
 * drawn on the same terminal (see progress.ts).
 */
export class Printer {
  constructor(
    private readonly stdout: Sink,
    private readonly stderr: Sink,
    readonly scrub: Scrubber,
    private readonly gate: Gate = (_to, _text, write) => write(),
  ) {}

  /** Whether the --json document was written (there is one per run). */
  printedJson = false;

  /** A line (or a table) for people on stdout (never with --json); control characters escaped. */
  line(text: string): void {
    const shown = `${printableLines(text)}\n`;
    this.gate("stdout", shown, () => this.stdout.write(shown));
  }

  /** The one document of a --json run. */
  json(value: unknown): void {
    this.printedJson = true;
    // Scrubbed as a whole: any string in it (a path, a name the server sent) could hold the key.
    const text = `${this.scrub(jsonText(value))}\n`;
    this.gate("stdout", text, () => this.stdout.write(text));
  }

  /** One line on stderr, prefixed with the program's name; `what` says which file or id it is about. */
  problem(error: unknown, what?: string): void {
    const text = `${printable(this.scrub(`${PROGRAM}: ${what ? `${what}: ` : ""}${errorText(error)}`))}\n`;
    this.gate("stderr", text, () => this.stderr.write(text));
  }

  /** A note on stderr that is no error (e.g. what failed, in a summary). */
  note(text: string): void {
    const line = `${printable(this.scrub(`${PROGRAM}: ${oneLine(text)}`))}\n`;
    this.gate("stderr", line, () => this.stderr.write(line));
  }
}

// What the CLI prints: tables and records for people on stdout, one JSON document for --json on
// stdout, and errors as one line each on stderr. Every line on stderr passes through the scrubber:
// the library keeps the key out of its errors, and this keeps it out of the CLI's own text too
// (commander's messages quote what was typed).
import type { FileObject } from "../index";
import { createRedactor } from "../redact";
import { exitRowFor, type ExitKind } from "./exit-codes";
import { PROGRAM } from "./args";

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
  const rows = files.map((f) => [f.file_id, f.filename, String(f.bytes), formatTimestamp(f.created_at), f.purpose]);
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
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v}`).join("\n");
}

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ").trim();

// The library's messages name its own options; a CLI user sets the flag instead.
const FLAG_FOR_OPTION: ReadonlyArray<[string, string]> = [["pass checkLimits: false", "pass --no-check-limits"]];
const inCliTerms = (text: string) => FLAG_FOR_OPTION.reduce((t, [option, flag]) => t.replaceAll(option, flag), text);

/** An error as one readable line, with MiniMax's Trace-Id when the answer had one. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
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

export function errorJson(error: unknown, scrub: Scrubber): ErrorJson {
  const row = exitRowFor(error);
  const traceId = traceIdOf(error);
  return {
    kind: row.kind,
    exitCode: row.code,
    name: error instanceof Error ? error.name : typeof error,
    message: scrub(errorText(error)),
    ...(traceId !== undefined && { traceId }),
  };
}

/**
 * Writes to stdout and stderr. `gate` lets the progress bars hold lines back while they are being
 * drawn on the same terminal (see progress.ts).
 */
export class Printer {
  constructor(
    private readonly stdout: Sink,
    private readonly stderr: Sink,
    readonly scrub: Scrubber,
    private readonly gate: (write: () => void) => void = (write) => write(),
  ) {}

  /** A line for people on stdout (never with --json). */
  line(text: string): void {
    this.gate(() => this.stdout.write(`${text}\n`));
  }

  /** The one document of a --json run. */
  json(value: unknown): void {
    this.gate(() => this.stdout.write(`${JSON.stringify(value, null, 2)}\n`));
  }

  /** One line on stderr, prefixed with the program's name; `what` says which file or id it is about. */
  problem(error: unknown, what?: string): void {
    const text = this.scrub(`${PROGRAM}: ${what ? `${what}: ` : ""}${errorText(error)}`);
    this.gate(() => this.stderr.write(`${text}\n`));
  }

  /** A note on stderr that is no error (e.g. what failed, in a summary). */
  note(text: string): void {
    const line = this.scrub(`${PROGRAM}: ${oneLine(text)}`);
    this.gate(() => this.stderr.write(`${line}\n`));
  }
}

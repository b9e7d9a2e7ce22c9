// The five commands, each a thin use of one client method: call it, print what came back (a line
// or table for people, one JSON document for --json), and give the exit code. A failure of the
// whole command is thrown (run.ts prints it); upload and delete work file by file and report each,
// and upload checks every file before sending any.
import fs from "node:fs";
import path from "node:path";
import { MiniMaxInputError, type FileObject, type MiniMaxFiles } from "../index";
import { toUploadPart } from "../transfer/upload-params";
import type { Invocation } from "./args";
import { batchExitCode, eachLimited, NOT_STARTED, summarize, tally } from "./batch";
import { exitCodeFor } from "./exit-codes";
import type { ForcedExitCleanups } from "./interrupted";
import { errorJson, fileRecord, fileTable, formatBytes, type Printer } from "./output";
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

type Of<C extends Invocation["command"]> = Extract<Invocation, { command: C }>;

/** The end of a batch: its --json document (each error as errorJson), its summary, its exit code. */
function finishBatch<O extends object>(
  ctx: CommandContext,
  what: string,
  outcomes: readonly O[],
  name: (o: O) => string,
): number {
  // printer.json scrubs the whole document (a path could hold the key).
  if (ctx.json)
    ctx.printer.json(
      outcomes.map((o) => ("error" in o ? { ...o, error: errorJson(o.error, ctx.printer.scrub, ctx.signal) } : o)),
    );
  summarize(ctx.printer, what, outcomes.length, tally(ctx.signal, outcomes, name));
  return batchExitCode(outcomes);
}

/** What a batch does with its files when one of them is refused before sending: sends none. */
const NOT_SENT = { skipped: "not sent: another file of the batch was refused" } as const;

/**
 * Every file of the batch checked as upload() would check it (found, a regular file, readable,
 * not empty, its name, and the purpose's documented formats and sizes), all before the first byte
 * of any is sent: fixing the command and running it again then stores nothing twice.
 */
async function refusedBeforeSending(paths: readonly string[], purpose: Of<"upload">["purpose"], checkLimits: boolean) {
  const checked = await Promise.all(
    paths.map(async (file) => {
      try {
        const part = await toUploadPart({ file, purpose, checkLimits });
        await part.source.dispose();
        return undefined;
      } catch (error) {
        return { path: file, error };
      }
    }),
  );
  return checked.filter((c): c is { path: string; error: unknown } => c !== undefined);
}

async function upload(
  ctx: CommandContext,
  { paths, purpose, concurrency, checkLimits }: Of<"upload">,
): Promise<number> {
  const refused = await refusedBeforeSending(paths, purpose, checkLimits);
  if (refused.length > 0) {
    for (const { path: file, error } of refused) ctx.printer.problem(error, file);
    const errorOf = (file: string) => refused.find((r) => r.path === file)?.error;
    if (ctx.json) {
      ctx.printer.json(
        paths.map((file) =>
          errorOf(file) === undefined
            ? { path: file, ...NOT_SENT }
            : { path: file, error: errorJson(errorOf(file), ctx.printer.scrub, ctx.signal) },
        ),
      );
    }
    ctx.printer.note(
      `${refused.length} of ${paths.length} files cannot be uploaded, so none was sent: ${refused.map((r) => r.path).join(", ")}`,
    );
    return exitCodeFor(refused[0]!.error);
  }
  const outcomes: Array<
    { path: string; file: FileObject } | { path: string; error: unknown } | { path: string; skipped: "interrupted" }
  > = [];
  await eachLimited(paths, concurrency, ctx.signal, async (file, index) => {
    const transfer = ctx.progress.start(path.basename(file));
    try {
      const uploaded = await ctx.files.upload(
        { file, purpose, checkLimits },
        { signal: ctx.signal, onProgress: ({ loaded, total }) => transfer.update(loaded, total) },
      );
      transfer.finish(true);
      outcomes[index] = { path: file, file: uploaded };
      if (!ctx.json)
        ctx.printer.line(
          `uploaded ${file}: file_id ${uploaded.file_id} (${formatBytes(uploaded.bytes)}, ${uploaded.purpose})`,
        );
    } catch (error) {
      transfer.finish(false);
      outcomes[index] = { path: file, error };
      ctx.printer.problem(error, file);
    }
  });
  for (const [index, file] of paths.entries()) outcomes[index] ??= { path: file, ...NOT_STARTED };
  return finishBatch(ctx, "uploads", outcomes, (o) => o.path);
}

async function list(ctx: CommandContext, { purpose }: Of<"list">): Promise<number> {
  const files = await ctx.files.list({ purpose }, { signal: ctx.signal });
  if (ctx.json) ctx.printer.json(files);
  else ctx.printer.line(files.length > 0 ? fileTable(files) : `no files with purpose ${purpose}`);
  return 0;
}

async function retrieve(ctx: CommandContext, { fileId }: Of<"retrieve">): Promise<number> {
  const file = await ctx.files.retrieve(fileId, { signal: ctx.signal });
  if (ctx.json) ctx.printer.json(file);
  else ctx.printer.line(fileRecord(file));
  return 0;
}

/** Where a download goes without -o: the stored file's name in the current folder, never over an existing file. */
async function defaultDestination(ctx: CommandContext, fileId: string): Promise<string> {
  const record = await ctx.files.retrieve(fileId, { signal: ctx.signal });
  // The name comes from the server: path separators and control characters are replaced, so it
  // cannot point elsewhere nor put escape sequences in a terminal or a shell's completion.
  const name = record.filename.replace(/[/\\]/g, "_").replace(/[\u0000-\u001f\u007f-\u009f]/g, "_");
  const destination = name === "" || name === "." || name === ".." ? record.file_id : name;
  if (fs.existsSync(destination)) {
    throw new MiniMaxInputError(
      "--output",
      `${JSON.stringify(destination)} exists already: pass -o ${JSON.stringify(destination)} to replace it, or -o another path.`,
    );
  }
  return destination;
}

async function download(ctx: CommandContext, { fileId, output }: Of<"download">): Promise<number> {
  const destination = output ?? (await defaultDestination(ctx, fileId));
  const transfer = ctx.progress.start(path.basename(destination));
  // A second signal exits without waiting for downloadTo to remove its temporary file
  // (`.<name>.<8 hex>.download` next to the destination): it is removed then, if made by this run.
  const started = Date.now();
  const forget = ctx.cleanups?.add(() => removeTemporaries(destination, started));
  try {
    const saved = await ctx.files.downloadTo(fileId, destination, {
      signal: ctx.signal,
      onProgress: ({ loaded, total }) => transfer.update(loaded, total),
    });
    transfer.finish(true);
    if (ctx.json) ctx.printer.json({ file_id: fileId, path: saved.path, bytes: saved.bytes });
    else ctx.printer.line(`saved ${saved.path} (${formatBytes(saved.bytes)})`);
    return 0;
  } catch (error) {
    transfer.finish(false);
    throw error;
  } finally {
    forget?.();
  }
}

/** Removes the temporary files downloadTo makes for `destination` that were changed since `since` (ms), synchronously. */
function removeTemporaries(destination: string, since: number): void {
  const folder = path.dirname(destination);
  const prefix = `.${path.basename(destination)}.`;
  for (const name of fs.readdirSync(folder)) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{8}\.download$/.test(name.slice(prefix.length))) continue;
    const file = path.join(folder, name);
    if (fs.statSync(file).mtimeMs >= since - 1000) fs.rmSync(file, { force: true });
  }
}

async function remove(ctx: CommandContext, { fileIds, purpose }: Of<"delete">): Promise<number> {
  const outcomes: Array<
    | { file_id: string; deleted: true }
    | { file_id: string; error: unknown }
    | { file_id: string; skipped: "interrupted" }
  > = [];
  // One at a time: deletes are small, and an error then stops nothing else (an interrupt does).
  for (const id of fileIds) {
    if (ctx.signal.aborted) {
      outcomes.push({ file_id: id, ...NOT_STARTED });
      continue;
    }
    try {
      // What was asked is what is reported: a server's echo (Prism's mock echoes its example id) is not.
      await ctx.files.delete(id, { purpose }, { signal: ctx.signal });
      outcomes.push({ file_id: id, deleted: true });
      if (!ctx.json) ctx.printer.line(`deleted ${id}`);
    } catch (error) {
      outcomes.push({ file_id: id, error });
      ctx.printer.problem(error, id);
    }
  }
  return finishBatch(ctx, "deletes", outcomes, (o) => o.file_id);
}

export function runCommand(ctx: CommandContext, invocation: Invocation): Promise<number> {
  switch (invocation.command) {
    case "upload":
      return upload(ctx, invocation);
    case "list":
      return list(ctx, invocation);
    case "retrieve":
      return retrieve(ctx, invocation);
    case "download":
      return download(ctx, invocation);
    case "delete":
      return remove(ctx, invocation);
  }
}

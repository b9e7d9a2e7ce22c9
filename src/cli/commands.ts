// The five commands, each a thin use of one client method: call it, print what came back (a line
// or table for people, one JSON document for --json), and give the exit code. A failure of the
// whole command is thrown (run.ts prints it); upload and delete work file by file and report each,
// and upload checks every file before sending any.
import fs from "node:fs";
import path from "node:path";
import { MiniMaxInputError } from "../index";
import type { Invocation } from "./args";
import { finishBatch, NOT_STARTED } from "./batch";
import { fileRecord, fileTable, formatBytes } from "./output";
import { upload } from "./upload-command";
import type { CommandContext, Of } from "./command-context";

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

// The five commands, each a thin use of one client method: call it, print what came back (a line
// or table for people, one JSON document for --json), and give the exit code. A failure of the
// whole command is thrown (run.ts prints it); upload and delete work file by file and report each.
import fs from "node:fs";
import path from "node:path";
import { MiniMaxInputError, type FileObject, type MiniMaxFiles } from "../index";
import type { Invocation } from "./args";
import { exitCodeFor } from "./exit-codes";
import { errorJson, fileRecord, fileTable, formatBytes, type Printer } from "./output";
import type { Progress } from "./progress";

export interface CommandContext {
  files: MiniMaxFiles;
  /** Aborted by Ctrl-C: every call in flight gets it. */
  signal: AbortSignal;
  printer: Printer;
  progress: Progress;
  json: boolean;
}

type Of<C extends Invocation["command"]> = Extract<Invocation, { command: C }>;

/** Runs `work` on each item, at most `limit` at a time; resolves when all have settled (work never rejects here). */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Exit code of a batch: 0, or that of its first failure in the order the items were given. */
function batchExitCode(outcomes: readonly object[]): number {
  const failed = outcomes.find((o): o is { error: unknown } => "error" in o);
  return failed ? exitCodeFor(failed.error) : 0;
}

async function upload(ctx: CommandContext, { paths, purpose, concurrency, checkLimits }: Of<"upload">): Promise<number> {
  const outcomes: Array<{ path: string; file: FileObject } | { path: string; error: unknown }> = [];
  await eachLimited(paths, concurrency, async (file, index) => {
    const transfer = ctx.progress.start(path.basename(file));
    try {
      const uploaded = await ctx.files.upload({ file, purpose, checkLimits }, { signal: ctx.signal, onProgress: ({ loaded, total }) => transfer.update(loaded, total) });
      transfer.finish(true);
      outcomes[index] = { path: file, file: uploaded };
      if (!ctx.json) ctx.printer.line(`uploaded ${file}: file_id ${uploaded.file_id} (${formatBytes(uploaded.bytes)}, ${uploaded.purpose})`);
    } catch (error) {
      transfer.finish(false);
      outcomes[index] = { path: file, error };
      ctx.printer.problem(error, file);
    }
  });
  const failed = outcomes.filter((o) => "error" in o).map((o) => o.path);
  if (ctx.json) ctx.printer.json(outcomes.map((o) => ("error" in o ? { path: o.path, error: errorJson(o.error, ctx.printer.scrub) } : o)));
  if (failed.length > 0) ctx.printer.note(`${failed.length} of ${paths.length} uploads failed: ${failed.join(", ")}`);
  return batchExitCode(outcomes);
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
  // The name comes from the server: only its last segment is used, so it cannot point elsewhere.
  const name = path.basename(record.filename.replaceAll("\\", "/"));
  const destination = name === "" || name === "." || name === ".." ? record.file_id : name;
  if (fs.existsSync(destination)) {
    throw new MiniMaxInputError("--output", `${JSON.stringify(destination)} exists already: pass -o ${JSON.stringify(destination)} to replace it, or -o another path.`);
  }
  return destination;
}

async function download(ctx: CommandContext, { fileId, output }: Of<"download">): Promise<number> {
  const destination = output ?? (await defaultDestination(ctx, fileId));
  const transfer = ctx.progress.start(path.basename(destination));
  try {
    const saved = await ctx.files.downloadTo(fileId, destination, { signal: ctx.signal, onProgress: ({ loaded, total }) => transfer.update(loaded, total) });
    transfer.finish(true);
    if (ctx.json) ctx.printer.json({ file_id: fileId, path: saved.path, bytes: saved.bytes });
    else ctx.printer.line(`saved ${saved.path} (${formatBytes(saved.bytes)})`);
    return 0;
  } catch (error) {
    transfer.finish(false);
    throw error;
  }
}

async function remove(ctx: CommandContext, { fileIds, purpose }: Of<"delete">): Promise<number> {
  const outcomes: Array<{ file_id: string; deleted: true } | { file_id: string; error: unknown }> = [];
  // One at a time: deletes are small, and an error then stops nothing else.
  for (const id of fileIds) {
    try {
      const { file_id } = await ctx.files.delete(id, { purpose }, { signal: ctx.signal });
      outcomes.push({ file_id, deleted: true });
      if (!ctx.json) ctx.printer.line(`deleted ${file_id}`);
    } catch (error) {
      outcomes.push({ file_id: id, error });
      ctx.printer.problem(error, id);
    }
  }
  const failed = outcomes.filter((o) => "error" in o).map((o) => o.file_id);
  if (ctx.json) ctx.printer.json(outcomes.map((o) => ("error" in o ? { file_id: o.file_id, error: errorJson(o.error, ctx.printer.scrub) } : o)));
  if (failed.length > 0) ctx.printer.note(`${failed.length} of ${fileIds.length} deletes failed: ${failed.join(", ")}`);
  return batchExitCode(outcomes);
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

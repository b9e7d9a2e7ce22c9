// `minimax-files upload`: every file of the batch checked before the first byte of any is sent,
// then sent `--concurrency` at a time; with --skip-existing, the files stored already (same name
// and size) are left out, so a failed batch can be run again without storing anything twice.
import fs from "node:fs";
import path from "node:path";
import { type FileObject, MiniMaxInputError } from "../index";
import { LIST_PURPOSES } from "../spec/values";
import { matchingUploads } from "../transfer/find-uploaded";
import { toUploadPart } from "../transfer/upload-params";
import { eachLimited, finishBatch, NOT_STARTED } from "./batch";
import type { CommandContext, Of } from "./command-context";
import { exitCodeFor } from "./exit-codes";
import { errorJson, formatBytes } from "./output";

/** A file --skip-existing did not send: one of the same name and size is stored under the purpose. */
const ALREADY_STORED = "already stored";

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

/**
 * With --skip-existing: the files of the batch that are stored already under the purpose, by
 * name and size (one list call for the batch), so that running a failed batch again stores
 * nothing twice. The name is the one upload sends: the path's base name.
 */
async function alreadyStored(ctx: CommandContext, paths: readonly string[], uploadPurpose: Of<"upload">["purpose"]) {
  // Upload and list purposes are separate enums in the spec: one may lag the other.
  const purpose = LIST_PURPOSES.find((p) => p === uploadPurpose);
  if (purpose === undefined)
    throw new MiniMaxInputError(
      "--skip-existing",
      `--skip-existing lists the purpose's files, and the spec lists no files with purpose ${uploadPurpose}; upload without it.`,
    );
  const stored = await ctx.files.list({ purpose }, { signal: ctx.signal });
  const found = new Map<string, FileObject>();
  for (const file of paths) {
    const bytes = fs.statSync(file).size;
    const match = matchingUploads(stored, { purpose, filename: path.basename(file), bytes })[0];
    if (match) found.set(file, match);
  }
  return found;
}

export async function upload(
  ctx: CommandContext,
  { paths, purpose, concurrency, checkLimits, skipExisting }: Of<"upload">,
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
    | { path: string; file: FileObject }
    | { path: string; error: unknown }
    | { path: string; skipped: "interrupted" }
    | { path: string; skipped: typeof ALREADY_STORED; file_id: string }
  > = [];
  const stored = skipExisting ? await alreadyStored(ctx, paths, purpose) : new Map<string, FileObject>();
  await eachLimited(paths, concurrency, ctx.signal, async (file, index) => {
    const existing = stored.get(file);
    if (existing) {
      outcomes[index] = { path: file, skipped: ALREADY_STORED, file_id: existing.file_id };
      if (!ctx.json)
        ctx.printer.line(`skipped ${file}: already stored as file_id ${existing.file_id} (same name and size)`);
      return;
    }
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
      if ((error as { fileMayBeStored?: unknown }).fileMayBeStored === true)
        ctx.printer.note(
          `${file} may have been stored all the same (its bytes were sent, its answer never came): run the same command with --skip-existing to send only what is not stored`,
        );
    }
  });
  for (const [index, file] of paths.entries()) outcomes[index] ??= { path: file, ...NOT_STARTED };
  return finishBatch(ctx, "uploads", outcomes, (o) => o.path);
}

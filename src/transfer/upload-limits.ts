// What MiniMax's docs say each upload purpose takes. Data, next to its sources, so a change in
// the docs is a change here; `checkLimits: false` on an upload skips these checks for when MiniMax
// relaxes them before this table is updated.
//
// Sources (quoted in openapi/reference-notes.md §5):
// - voice_clone: "mp3, m4a, wav", "File size: up to 20 MB" — upload page purpose descriptions;
//   https://platform.minimax.io/docs/guides/speech-voice-clone
// - prompt_audio: "mp3, m4a, wav", up to 20 MB — https://platform.minimax.io/docs/api-reference/voice-cloning-uploadprompt
// - t2a_async_input: "txt, zip" — EN list page; https://platform.minimax.io/docs/api-reference/speech-t2a-async-create
// - video_understanding: "MP4, AVI, MOV, MKV" — https://platform.minimax.io/docs/api-reference/file-management-upload
// - video_generation_input: images jpg/jpeg/png/webp/heic/heif up to 30 MB, reference videos
//   mp4/mov up to 50 MB, reference audio wav/mp3 up to 15 MB — the Chinese upload page
//   https://platform.minimaxi.com/docs/api-reference/file-management-upload.md (mirror copy of
//   2026-08-03, openapi/sources/upload.zh.md Copy B); no English page lists this purpose.
//
// A purpose the spec lists without an entry here uploads without format and size checks, and
// `npm run generate` warns about it (scripts/lib/hand-tables.mjs); so does an entry for a purpose
// the spec no longer lists. The table is typed loosely for that reason: a spec change must not
// break the build before this table catches up.
import type { UploadPurpose } from "../spec/values";

export interface PurposeLimits {
  /** File extensions (lower case, without the dot) the docs list for the purpose. */
  formats: readonly string[];
  /** The documented size limit in bytes, when there is one. "20 MB" is read as 20 MiB, the more lenient reading. */
  maxBytes?: number;
  /** Size limits that depend on the format (extension → bytes); they take precedence over `maxBytes`. */
  maxBytesByFormat?: Readonly<Record<string, number>>;
}

const MiB = 1024 * 1024;

const byFormat = (groups: ReadonlyArray<readonly [readonly string[], number]>) =>
  Object.fromEntries(groups.flatMap(([formats, bytes]) => formats.map((format) => [format, bytes])));

const VIDEO_GENERATION_INPUT = [
  [["jpg", "jpeg", "png", "webp", "heic", "heif"], 30 * MiB],
  [["mp4", "mov"], 50 * MiB],
  [["wav", "mp3"], 15 * MiB],
] as const;

const LIMITS = {
  voice_clone: { formats: ["mp3", "m4a", "wav"], maxBytes: 20 * MiB },
  prompt_audio: { formats: ["mp3", "m4a", "wav"], maxBytes: 20 * MiB },
  t2a_async_input: { formats: ["txt", "zip"] },
  video_understanding: { formats: ["mp4", "avi", "mov", "mkv"] },
  video_generation_input: {
    formats: VIDEO_GENERATION_INPUT.flatMap(([formats]) => formats),
    maxBytesByFormat: byFormat(VIDEO_GENERATION_INPUT),
  },
} satisfies Record<string, PurposeLimits>;

/**
 * The documented limits of each upload purpose; a purpose without an entry is sent unchecked.
 * Typed so that a purpose listed here reads as present (`UPLOAD_LIMITS.voice_clone.formats`) and
 * any other purpose of the spec as possibly absent.
 */
export const UPLOAD_LIMITS: { readonly [P in keyof typeof LIMITS]: PurposeLimits } & {
  readonly [P in UploadPurpose]?: PurposeLimits;
} = LIMITS;

/** The size limit for a file of this format under these limits, if the docs give one. */
export const maxBytesFor = (limits: PurposeLimits, format: string): number | undefined =>
  limits.maxBytesByFormat?.[format] ?? limits.maxBytes;

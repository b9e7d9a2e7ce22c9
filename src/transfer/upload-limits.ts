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
import type { UploadPurpose } from "../spec/values";

export interface PurposeLimits {
  /** File extensions (lower case, without the dot) the docs list for the purpose. */
  formats: readonly string[];
  /** The documented size limit in bytes, when there is one. "20 MB" is read as 20 MiB, the more lenient reading. */
  maxBytes?: number;
}

const MiB = 1024 * 1024;

export const UPLOAD_LIMITS: Readonly<Record<UploadPurpose, PurposeLimits>> = {
  voice_clone: { formats: ["mp3", "m4a", "wav"], maxBytes: 20 * MiB },
  prompt_audio: { formats: ["mp3", "m4a", "wav"], maxBytes: 20 * MiB },
  t2a_async_input: { formats: ["txt", "zip"] },
  video_understanding: { formats: ["mp4", "avi", "mov", "mkv"] },
};

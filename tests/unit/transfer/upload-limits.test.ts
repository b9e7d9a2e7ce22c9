// The formats and sizes MiniMax's docs give per purpose (openapi/reference-notes.md,
//  §5), checked through toUploadPart: each documented format is taken, a neighbouring one
// refused, and the 20 MB limit holds at the byte. No server: these checks run before sending.
import { Readable } from "node:stream";
import { fresh } from "../../helpers/fresh";

type UploadBody = typeof import("../../../src/transfer/upload-params");
type ToFile = typeof import("../../../src/transfer/to-file");
// The table is top-level code: loaded in each test (see tests/helpers/fresh.ts).
let toUploadPart: UploadBody["toUploadPart"];
let toFile: ToFile["toFile"];
beforeEach(() => {
  ({ toUploadPart, toFile } = fresh(() => ({
    ...(require("../../../src/transfer/upload-params") as UploadBody),
    ...(require("../../../src/transfer/to-file") as ToFile),
  })));
});

/** What the docs list (openapi/reference-notes.md §5), written out here independently of src/upload-limits.ts. */
const DOCUMENTED: Array<[purpose: string, formats: string[], maxBytes: number | undefined]> = [
  ["voice_clone", ["mp3", "m4a", "wav"], 20 * 1024 * 1024],
  ["prompt_audio", ["mp3", "m4a", "wav"], 20 * 1024 * 1024],
  ["t2a_async_input", ["txt", "zip"], undefined],
  ["video_understanding", ["mp4", "avi", "mov", "mkv"], undefined],
];
const sized = (name: string, size: number) => toFile(Readable.from([]), name, { size });

describe.each(DOCUMENTED)("%s", (purpose, formats, maxBytes) => {
  it.each(formats)(`takes .%s (any case)`, async (extension) => {
    await expect(toUploadPart({ file: sized(`a.${extension.toUpperCase()}`, 10), purpose })).resolves.toMatchObject({
      name: `a.${extension.toUpperCase()}`,
      maxBytes,
    });
  });

  it("refuses formats the docs do not list, and no extension", async () => {
    for (const name of ["a.flac", "a.json", "a.webm", "noextension"].filter(
      (n) => !formats.includes(n.split(".")[1] ?? ""),
    )) {
      await expect(toUploadPart({ file: sized(name, 10), purpose })).rejects.toMatchObject({
        name: "MiniMaxInputError",
        input: "filename",
        message: expect.stringContaining(formats.join(", ")),
      });
    }
    await expect(toUploadPart({ file: sized("a.flac", 10), purpose, checkLimits: false })).resolves.toMatchObject({
      maxBytes: undefined,
    });
  });

  it(maxBytes ? `takes ${maxBytes} bytes and refuses one more` : "has no documented size limit", async () => {
    const name = `a.${formats[0]}`;
    if (maxBytes === undefined) {
      await expect(toUploadPart({ file: sized(name, 2 ** 40), purpose })).resolves.toMatchObject({
        maxBytes: undefined,
      });
      return;
    }
    await expect(toUploadPart({ file: sized(name, maxBytes), purpose })).resolves.toMatchObject({ maxBytes });
    await expect(toUploadPart({ file: sized(name, maxBytes + 1), purpose })).rejects.toMatchObject({
      input: "file",
      message: expect.stringMatching(/at most 20971520 bytes \(20 MiB: MiniMax's docs say "20 MB", read as MiB\)/),
    });
  });
});

/**
 * video_generation_input's limits depend on the format (the Chinese upload page of 2026-08-03,
 * openapi/sources/upload.zh.md Copy B): images 30 MB, reference videos 50 MB, reference audio 15 MB.
 */
describe("video_generation_input", () => {
  const MiB = 1024 * 1024;
  const BY_FORMAT: Array<[formats: string[], maxBytes: number]> = [
    [["jpg", "jpeg", "png", "webp", "heic", "heif"], 30 * MiB],
    [["mp4", "mov"], 50 * MiB],
    [["wav", "mp3"], 15 * MiB],
  ];
  const purpose = "video_generation_input";

  it.each(BY_FORMAT.flatMap(([formats, maxBytes]) => formats.map((f) => [f, maxBytes] as const)))(
    "takes .%s up to %i bytes and refuses one more, naming the format",
    async (format, maxBytes) => {
      await expect(toUploadPart({ file: sized(`a.${format}`, maxBytes), purpose })).resolves.toMatchObject({
        maxBytes,
      });
      await expect(toUploadPart({ file: sized(`a.${format}`, maxBytes + 1), purpose })).rejects.toMatchObject({
        input: "file",
        message: expect.stringContaining(
          `.${format} files for video_generation_input may be at most ${maxBytes} bytes`,
        ),
      });
    },
  );

  it("refuses formats the page does not list", async () => {
    for (const name of ["a.gif", "a.avi", "a.m4a", "a.txt"])
      await expect(toUploadPart({ file: sized(name, 10), purpose })).rejects.toMatchObject({ input: "filename" });
  });
});

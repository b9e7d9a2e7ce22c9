// A JSON body read as it arrives: chunks cut anywhere (a multi-byte character, an id) read as the
// whole text does, and a failing stream's error is what the read rejects with.
import { readJson } from "../../../src/http/read-json";

const streamOf = (chunks: Uint8Array[], fail?: Error) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else if (fail) controller.error(fail);
      else controller.close();
    },
  });

it("decodes chunks cut inside a character and an id, drops a BOM, and counts the bytes", async () => {
  const text = '\uFEFF{"files":[{"file_id":9223372036854775807,"filename":"é文件.mp3"}]}';
  const bytes = new TextEncoder().encode(text);
  for (const size of [1, 2, 3, 5, 64]) {
    const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.slice(i * size, (i + 1) * size),
    );
    const read = await readJson(streamOf(chunks));
    expect(read.bytes).toBe(bytes.length);
    expect(read.parser.end()).toEqual({ files: [{ file_id: "9223372036854775807", filename: "é文件.mp3" }] });
  }
});

it("rejects with the stream's error", async () => {
  const cut = new Error("socket hang up");
  await expect(readJson(streamOf([new TextEncoder().encode('{"files":[')], cut))).rejects.toBe(cut);
});

// What only MiniMax can settle: two assumptions openapi/overlay.yaml makes where MiniMax's pages are
// silent. They are checked in the live mode (`npm run test:live`, which sets CONTRACT_LIVE=1) and
// against MiniMax's own hosts; on any other target (Prism, the sandbox) their cells are "not
// applicable": a test double answers as it was written to, so it cannot confirm what MiniMax does.
// (The live mode's own tests, and tests/sandbox/contract-target.test.ts's variants that refuse
// video_understanding or serve audio/mpeg, run them against the sandbox with CONTRACT_LIVE=1, so
// that both verdicts of each check are exercised.)
//
// - video_understanding_purpose: upload accepts `video_understanding` (documented); the overlay
//   assumes list and delete do too (no list or delete page names it). A 3 KB MP4 is uploaded,
//   listed and deleted with that purpose. If list or delete is refused, drop that enum's action.
// - download_media_type: MiniMax's pages declare the download's bytes as application/json; the
//   overlay serves them as application/octet-stream, an assumption. The Content-Type MiniMax sends
//   for a .txt and an .mp4 is compared with it.
//
// tests/fixtures/contract-fixture.mp4: 2 s of a 160×90 H.264 test pattern, no audio, made with
//   ffmpeg -f lavfi -i testsrc=size=160x90:rate=5:duration=2 -c:v libx264 -profile:v baseline
//     -pix_fmt yuv420p -preset veryslow -crf 40 -movflags +faststart -map_metadata -1
//     -fflags +bitexact -flags:v +bitexact contract-fixture.mp4
import fs from "node:fs";
import path from "node:path";
import type { FileObject, UploadPurpose } from "../../src";
import { UPLOAD_LIMITS } from "../../src/transfer/upload-limits";
import { SPEC_OPERATIONS } from "../../src/sandbox/validator";
import {
  CellTracker,
  contractClient,
  contractTarget,
  describeError,
  expectConforming,
  type Settle,
} from "../helpers/contract";
import { UploadTracker } from "../helpers/uploads";

const target = contractTarget();

const PURPOSE_CHECK = "video_understanding_purpose";
const MEDIA_CHECK = "download_media_type";
/** The operations each check judges; its cells for the other operations are not applicable. */
const OPERATIONS_CHECKED: Record<string, string[]> = {
  [PURPOSE_CHECK]: ["uploadFile", "listFiles", "deleteFile"],
  [MEDIA_CHECK]: ["retrieveFileContent"],
};
const ASSUMED_MEDIA_TYPE = "application/octet-stream";

const MP4 = path.resolve(__dirname, "../fixtures/contract-fixture.mp4");
const TEXT = new TextEncoder().encode("minimax-files live fixture\n");
const FIXTURES: { name: string; file: () => Blob | string; purpose: UploadPurpose; bytes: () => Buffer }[] = [
  {
    name: "contract-fixture.txt",
    file: () => new File([TEXT], "contract-fixture.txt", { type: "text/plain" }),
    purpose: "t2a_async_input",
    bytes: () => Buffer.from(TEXT),
  },
  { name: "contract-fixture.mp4", file: () => MP4, purpose: "video_understanding", bytes: () => fs.readFileSync(MP4) },
];

const cells = new CellTracker(target, [PURPOSE_CHECK, MEDIA_CHECK], { name: "live", rank: 50 });
const uploads = new UploadTracker(target);
afterAll(() => uploads.deleteAll());

for (const op of SPEC_OPERATIONS.values())
  for (const [check, operations] of Object.entries(OPERATIONS_CHECKED)) {
    if (!operations.includes(op.operationId))
      cells.notApplicable(op.operationId, check, `the check is about ${operations.join(", ")}`);
    else if (!target.live)
      cells.notApplicable(
        op.operationId,
        check,
        `only MiniMax can confirm this (an assumption of openapi/overlay.yaml): run npm run test:live`,
      );
  }

/** The cells of one check, each judged by its findings. */
function settleAll(settle: Settle, check: string, found: Record<string, string[]>) {
  for (const [operation, findings] of Object.entries(found)) settle(operation, check, findings);
}
const cellsOf = (check: string) => OPERATIONS_CHECKED[check]!.map((operation) => [operation, check] as const);

it("ships a small, well-formed MP4 for the video_understanding upload (so a refusal is MiniMax's verdict, not a broken fixture)", () => {
  const bytes = fs.readFileSync(MP4);
  // ISO BMFF: top-level boxes (32-bit size, 4-letter type) tile the file exactly.
  const boxes: string[] = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    const size = bytes.readUInt32BE(at);
    if (size < 8) break;
    boxes.push(bytes.toString("latin1", at + 4, at + 8));
    at += size;
  }
  expect(at).toBe(bytes.length);
  expect(boxes[0]).toBe("ftyp");
  expect(boxes).toEqual(expect.arrayContaining(["moov", "mdat"]));
  expect(bytes.length).toBeLessThan(16 * 1024);
  expect(UPLOAD_LIMITS.video_understanding?.formats).toContain(path.extname(MP4).slice(1));
});

if (target.live) {
  cells.it(
    "uploads, lists and deletes a file with purpose video_understanding",
    cellsOf(PURPOSE_CHECK),
    async (settle) => {
      const { client, exchanges } = contractClient(target);
      const found: Record<string, string[]> = { uploadFile: [], listFiles: [], deleteFile: [] };
      const drop = (operation: string) =>
        `if MiniMax refuses it, drop video_understanding from ${operation}'s purposes in openapi/overlay.yaml`;
      let file: FileObject | undefined;
      try {
        file = uploads.add(await client.upload({ file: MP4, purpose: "video_understanding" }));
        if (file.purpose !== "video_understanding")
          found["uploadFile"]!.push(`the file was stored with purpose ${JSON.stringify(file.purpose)}`);
      } catch (error) {
        found["uploadFile"]!.push(`refused: ${describeError(error)}`);
      }
      if (file) {
        const id = file.file_id;
        let listWorks = false;
        try {
          const listed = await client.list({ purpose: "video_understanding" });
          listWorks = true;
          if (!listed.some((f) => f.file_id === id))
            found["listFiles"]!.push(`answered, but without the file just uploaded (${listed.length} listed)`);
        } catch (error) {
          found["listFiles"]!.push(`refused: ${describeError(error)}; ${drop("list")}`);
        }
        try {
          await client.delete(id, { purpose: "video_understanding" });
          uploads.deleted(id);
          if (listWorks && (await client.list({ purpose: "video_understanding" })).some((f) => f.file_id === id))
            found["deleteFile"]!.push("answered success, but the file is still listed");
        } catch (error) {
          found["deleteFile"]!.push(
            `refused: ${describeError(error)}; ${drop("delete")} (MiniMax keeps video_understanding files up to 7 days, openapi/reference-notes.md §5)`,
          );
        }
      } else {
        for (const operation of ["listFiles", "deleteFile"]) found[operation]!.push("not tried: the upload failed");
      }
      settleAll(settle, PURPOSE_CHECK, found);
      expectConforming(await exchanges());
    },
  );

  cells.it(
    `compares retrieve_content's Content-Type with the overlay's ${ASSUMED_MEDIA_TYPE}, for a .txt and an .mp4`,
    cellsOf(MEDIA_CHECK),
    async (settle) => {
      const notes: string[] = [];
      const all = [];
      for (const fixture of FIXTURES) {
        const { client, exchanges } = contractClient(target);
        let id: string;
        try {
          id = uploads.add(await client.upload({ file: fixture.file(), purpose: fixture.purpose })).file_id;
        } catch (error) {
          notes.push(`${fixture.name} (${fixture.purpose}): not checked, its upload failed: ${describeError(error)}`);
          all.push(...(await exchanges()));
          continue;
        }
        let bytes: Uint8Array | undefined;
        try {
          bytes = await client.retrieveContent(id);
        } catch (error) {
          notes.push(`${fixture.name} (${fixture.purpose}): retrieve_content failed: ${describeError(error)}`);
        }
        const download = (await exchanges()).find((ex) => ex.operation === "retrieveFileContent");
        const header = download?.response.headers["content-type"];
        const type = header === undefined ? undefined : String(header);
        if (download && (type ?? "").split(";")[0]!.trim().toLowerCase() !== ASSUMED_MEDIA_TYPE)
          notes.push(
            `${fixture.name} (${fixture.purpose}) is served as ${type === undefined ? "(no Content-Type)" : JSON.stringify(type)}, not ${ASSUMED_MEDIA_TYPE}: correct retrieve_content's media type in openapi/overlay.yaml`,
          );
        if (bytes && !Buffer.from(bytes).equals(fixture.bytes()))
          notes.push(
            `${fixture.name}: the download is not the bytes uploaded (${bytes.byteLength} bytes, uploaded ${fixture.bytes().length})`,
          );
        // Not this check's finding (the purpose check judges delete): a file whose delete failed stays
        // with the tracker, whose afterAll tries again and fails the file naming it.
        await client.delete(id, { purpose: fixture.purpose }).then(
          () => uploads.deleted(id),
          () => undefined,
        );
        all.push(...(await exchanges()));
      }
      settleAll(settle, MEDIA_CHECK, { retrieveFileContent: notes });
      expectConforming(all);
    },
  );
}

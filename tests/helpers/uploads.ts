// The files a contract test file uploaded, deleted after the file's cases (afterAll) on a target
// that keeps them: a case that fails between its upload and its delete must not leave a file on a
// live account. Prism stores nothing (every upload answers with its example id), so there is
// nothing to delete there. `npm run test:live` has a second net (tests/setup/live-ledger.ts).
import { type DeletePurpose, type FileObject, UPLOAD_LIMITS, type UploadPurpose } from "../../src";
import { contractClient, type ContractTarget } from "./contract";

export class UploadTracker {
  private readonly files = new Map<string, string>();

  constructor(private readonly target: ContractTarget) {}

  /** Remembers a file this test file uploaded; returns it, so `add(await client.upload(…))` reads well. */
  add<T extends Pick<FileObject, "file_id" | "purpose">>(file: T): T {
    this.files.set(String(file.file_id), file.purpose);
    return file;
  }

  /** A file a case deleted itself: nothing left to do for it. */
  deleted(fileId: string | bigint): void {
    this.files.delete(String(fileId));
  }

  /** The ids still to delete. */
  pending(): string[] {
    return [...this.files.keys()];
  }

  /** Deletes every file still remembered; throws naming each one that could not be deleted. */
  async deleteAll(): Promise<void> {
    if (this.target.kind !== "external") return void this.files.clear();
    // Retries: a rate limit on the last call of a run must not leave a file behind.
    const { client } = contractClient(this.target, { maxRetries: 2 });
    const failures: string[] = [];
    for (const [id, purpose] of [...this.files]) {
      try {
        await client.delete(id, { purpose: purpose as DeletePurpose });
        this.files.delete(id);
      } catch (error) {
        failures.push(`${id} (${purpose}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length)
      throw new Error(
        `could not delete the files this test file uploaded to ${this.target.url}:\n${failures.map((f) => `  - ${f}`).join("\n")}`,
      );
  }
}

/** The documented size limit of a purpose that has one (a test of size checks needs it). */
export function documentedMaxBytes(purpose: UploadPurpose): number {
  const maxBytes = UPLOAD_LIMITS[purpose]?.maxBytes;
  if (maxBytes === undefined) throw new Error(`tests: ${purpose} has no documented size limit in UPLOAD_LIMITS`);
  return maxBytes;
}

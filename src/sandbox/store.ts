// The sandbox's files: uploads kept in a temporary folder (fs.mkdtemp, removed by removeAll())
// under int64 ids counting up from 2^53 + 1, so every id is one that JSON.parse would corrupt.
// Ids are BigInts from here to the wire (routes.ts writes them with lossless-json): an id never
// passes through a JS number.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIRST_FILE_ID } from "./constants";
import { fileNotFound } from "./refusal";

export interface StoredFile {
  id: bigint;
  filename: string;
  bytes: number;
  /** Unix seconds, as MiniMax's created_at. */
  createdAt: number;
  purpose: string;
  /** Where its bytes are, in the store's folder. */
  location: string;
}

/** An upload received in full into its spool file (upload-receiver.ts), ready to be stored. */
export interface Upload {
  purpose: string;
  filename: string;
  bytes: number;
  spool: string;
}

export class FileStore {
  private readonly files = new Map<bigint, StoredFile>();
  private spooled = 0;

  private constructor(
    /** The temporary folder holding the stored files and the uploads being received. */
    readonly folder: string,
    private nextId: bigint,
  ) {}

  /** A store in a new temporary folder of its own, whose first id is `firstId`. */
  static async create(firstId: bigint = FIRST_FILE_ID): Promise<FileStore> {
    return new FileStore(await fs.promises.mkdtemp(path.join(os.tmpdir(), "minimax-sandbox-")), firstId);
  }

  /** A new path in the folder for an upload's bytes while they arrive (named incoming-<n>, never a stored file's name). */
  spoolPath(): string {
    return path.join(this.folder, `incoming-${++this.spooled}`);
  }

  /** Stores a received upload under the next id, its spool file renamed to file-<id>; a failed rename removes the spool file. */
  async add(upload: Upload): Promise<StoredFile> {
    const id = this.nextId;
    this.nextId += 1n;
    const location = path.join(this.folder, `file-${id}`);
    await fs.promises.rename(upload.spool, location).catch(async (error: unknown) => {
      await fs.promises.rm(upload.spool, { force: true });
      throw error;
    });
    const file: StoredFile = {
      id,
      filename: upload.filename,
      bytes: upload.bytes,
      createdAt: Math.floor(Date.now() / 1000),
      purpose: upload.purpose,
      location,
    };
    this.files.set(id, file);
    return file;
  }

  /** The file with this id; one the store does not hold is the "file not found" refusal. */
  get(id: bigint): StoredFile {
    const file = this.files.get(id);
    if (!file) throw fileNotFound(id);
    return file;
  }

  /** The files uploaded with this purpose, in upload order. */
  list(purpose: string): StoredFile[] {
    return [...this.files.values()].filter((file) => file.purpose === purpose);
  }

  /**
   * The file's bytes, from a handle opened now, and its size from that handle. A remove() that
   * came first is a clean "file not found"; one that comes later removes the name only, and the
   * stream still reads every byte through its handle, so a download in flight stays whole.
   */
  async openContent(id: bigint): Promise<{ file: StoredFile; content: fs.ReadStream }> {
    const file = this.get(id);
    const handle = await fs.promises.open(file.location, "r").catch((error: NodeJS.ErrnoException) => {
      throw error.code === "ENOENT" ? fileNotFound(file.id) : error;
    });
    try {
      const { size } = await handle.stat();
      return { file: { ...file, bytes: size }, content: handle.createReadStream() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Forgets the file and removes its name from the folder (a download already open keeps reading). */
  async remove(id: bigint): Promise<void> {
    const file = this.get(id);
    this.files.delete(id);
    await fs.promises.rm(file.location, { force: true });
  }

  /** Removes the folder and everything in it. */
  async removeAll(): Promise<void> {
    await fs.promises.rm(this.folder, { recursive: true, force: true });
  }
}

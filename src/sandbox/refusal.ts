// How the sandbox says no. Errors as MiniMax reports them (openapi/reference-notes.md §2): HTTP
// 200 with `base_resp: { status_code, status_msg }`, 1004 for a missing or wrong key ("鉴权失败" /
// "not authorized"), 2013 for invalid parameters ("invalid params"), also for a file outside
// UPLOAD_LIMITS (the docs give no code of their own for these, §5). An unknown file_id: the docs
// give no "not found" code; the sandbox answers 2013 with status_msg "file not found" (an
// assumption, until a live run shows what MiniMax sends).

export const SUCCESS = 0;
export const NOT_AUTHORIZED = 1004; // §2: 1004 鉴权失败 / not authorized
export const INVALID_PARAMS = 2013; // §2: 2013 输入格式信息不正常 / invalid params
export const FILE_NOT_FOUND = INVALID_PARAMS; // no code documented (see the header comment)
export const UNKNOWN_ERROR = 1000; // §2: 1000 未知错误 / unknown error (the sandbox's own failures)

/** A request the sandbox refuses in-band (HTTP 200 + base_resp). */
export class BusinessError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The client went away before its request's body ended: there is no one to answer, nothing to record. */
export class ClientGone extends Error {}

/** A 2013 refusal, its message prefixed as MiniMax words it. */
export const invalid = (message: string): BusinessError =>
  new BusinessError(INVALID_PARAMS, `invalid params, ${message}`);

export const fileNotFound = (id: bigint): BusinessError => new BusinessError(FILE_NOT_FOUND, `file not found: ${id}`);

/** The `base_resp` every JSON answer carries. */
export const baseResp = (code: number, message: string) => ({ base_resp: { status_code: code, status_msg: message } });

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

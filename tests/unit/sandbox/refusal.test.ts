// How the sandbox says no (src/sandbox/refusal.ts): MiniMax's codes, and refusals worded as
// MiniMax words them.
import {
  baseResp,
  BusinessError,
  ClientGone,
  FILE_NOT_FOUND,
  fileNotFound,
  INVALID_PARAMS,
  invalid,
  messageOf,
  NOT_AUTHORIZED,
  SUCCESS,
  UNKNOWN_ERROR,
} from "../../../src/sandbox/refusal";

it("uses MiniMax's documented codes", () => {
  expect({ SUCCESS, NOT_AUTHORIZED, INVALID_PARAMS, FILE_NOT_FOUND, UNKNOWN_ERROR }).toEqual({
    SUCCESS: 0,
    NOT_AUTHORIZED: 1004,
    INVALID_PARAMS: 2013,
    FILE_NOT_FOUND: 2013,
    UNKNOWN_ERROR: 1000,
  });
});

it("invalid() is a 2013 refusal whose message starts as MiniMax's does", () => {
  const error = invalid("purpose must be one of voice_clone");
  expect(error).toBeInstanceOf(BusinessError);
  expect({ code: error.code, message: error.message }).toEqual({
    code: 2013,
    message: "invalid params, purpose must be one of voice_clone",
  });
});

it("fileNotFound() names the id exactly, above 2^53 too", () => {
  const error = fileNotFound(2n ** 53n + 1n);
  expect({ code: error.code, message: error.message }).toEqual({
    code: 2013,
    message: "file not found: 9007199254740993",
  });
});

it("baseResp is the base_resp every JSON answer carries", () => {
  expect(baseResp(1004, "not authorized")).toEqual({ base_resp: { status_code: 1004, status_msg: "not authorized" } });
});

it("ClientGone is no refusal (there is no one to answer), and messageOf reads any thrown value", () => {
  expect(new ClientGone("cut")).not.toBeInstanceOf(BusinessError);
  expect(messageOf(new ClientGone("cut"))).toBe("cut");
  expect(messageOf("plain")).toBe("plain");
  expect(messageOf(undefined)).toBe("undefined");
});

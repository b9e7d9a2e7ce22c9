// mime-types in the web build: the same answers as the package for the formats MiniMax takes.
import { lookup as real } from "mime-types";
import { UPLOAD_LIMITS } from "../../../src/transfer/upload-limits";
import { lookup } from "../../../src/web/mime-types";

it("gives what mime-types gives for every format an upload purpose documents, and false for others", () => {
  const formats = new Set(Object.values(UPLOAD_LIMITS).flatMap((limits) => limits?.formats ?? []));
  expect(formats.size).toBeGreaterThan(5);
  for (const format of formats)
    expect({ format, type: lookup(`a.${format}`) }).toEqual({ format, type: real(`a.${format}`) });
  expect(lookup("a.unknownext")).toBe(false);
  expect(lookup("noextension")).toBe(false);
});

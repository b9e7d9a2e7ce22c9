// The package's public surface: what users need, nothing internal; every error class named
// explicitly (a minifier renaming classes must not change `error.name`).
import * as pkg from "../../src";
import { BUSINESS_CODES } from "../../src";

it("exports no internal helpers", () => {
  const names = Object.keys(pkg);
  for (const internal of [
    "isRecord",
    "isErrorLike",
    "apiErrorFor",
    "httpErrorFor",
    "infoFor",
    "createMiddleware",
    "parseJson",
    "toFileId",
    "runCall",
  ]) {
    expect(names).not.toContain(internal);
  }
});

it("every exported error class carries its own name on its prototype, equal to its export name", () => {
  const errorClasses = Object.entries(pkg).filter(
    ([, v]) => typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof Error,
  );
  expect(errorClasses.length).toBeGreaterThanOrEqual(17);
  for (const [exportName, ErrorClass] of errorClasses) {
    const proto = (ErrorClass as { prototype: Error }).prototype;
    expect({ exportName, own: Object.hasOwn(proto, "name"), name: proto.name }).toEqual({
      exportName,
      own: true,
      name: exportName,
    });
  }
});

it("maps every status code MiniMax documents (openapi/reference-notes.md §2: file-management lists + platform error table)", () => {
  // The union of the file-management pages' base_resp lists and the platform error-code page.
  const documented = [
    1000, 1001, 1002, 1004, 1008, 1013, 1024, 1026, 1027, 1033, 1039, 1041, 1042, 1043, 1044, 2013, 20132, 2037, 2039,
    2042, 2045, 2048, 2049, 2056,
  ];
  expect(
    Object.keys(BUSINESS_CODES)
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual(documented.sort((a, b) => a - b));
});

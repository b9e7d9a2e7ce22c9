// Ajv loaded on demand (src/sandbox/validator/ajv-loader.ts): an Ajv that knows OpenAPI's formats,
// or, when Ajv is not installed, an error that says what to install.
import { loadAjv } from "../../../../src/sandbox/validator/ajv-loader";

it("knows OpenAPI's int64, int32 and binary formats and the example keyword, in strict mode", () => {
  const ajv = loadAjv();
  const int64 = ajv.compile({ type: "integer", format: "int64", example: 1 });
  expect([2 ** 53, 2 ** 63, -(2 ** 63)].map((n) => int64(n))).toEqual([true, true, true]);
  expect(int64(2 ** 64)).toBe(false); // what the schema view makes of an integer outside int64
  const int32 = ajv.compile({ type: "integer", format: "int32" });
  expect([2 ** 31 - 1, -(2 ** 31), 2 ** 31].map((n) => int32(n))).toEqual([true, true, false]);
  expect(ajv.compile({ type: "string", format: "binary" })("anything")).toBe(true);
  expect(ajv.compile({ type: "string", format: "date-time" })("yesterday")).toBe(false); // ajv-formats is there
  expect(() => ajv.compile({ type: "string", nonsense: true })).toThrow(/strict mode: unknown keyword: "nonsense"/);
});

it("reports every error, not only the first", () => {
  const validate = loadAjv().compile({ type: "object", properties: { a: {}, b: {} }, required: ["a", "b"] });
  validate({});
  expect(validate.errors?.map((e) => e.params)).toEqual([{ missingProperty: "a" }, { missingProperty: "b" }]);
});

it.each(["ajv/dist/2020", "ajv-formats"])(
  "without %s installed, says what to install or how to go without",
  (missing) => {
    let load!: typeof loadAjv;
    jest.isolateModules(() => {
      jest.doMock(missing, () => {
        throw new Error(`Cannot find module '${missing}'`);
      });
      load = (
        require("../../../../src/sandbox/validator/ajv-loader") as typeof import("../../../../src/sandbox/validator/ajv-loader")
      ).loadAjv;
    });
    try {
      const error = (() => {
        try {
          load();
        } catch (thrown) {
          return thrown as Error;
        }
        throw new Error("loadAjv did not throw");
      })();
      expect(error.message).toBe(
        'The sandbox validates every exchange with Ajv, which is not installed: run `npm install ajv@8 ajv-formats@3` (not installed with minimax-files), or start it with { validate: false } or "auto".',
      );
      expect((error as Error & { code?: unknown }).code).toBe("MINIMAX_SANDBOX_AJV_MISSING");
      expect((error.cause as Error).message).toBe(`Cannot find module '${missing}'`);
    } finally {
      jest.dontMock(missing);
    }
  },
);

// The numbers Ajv sees (src/sandbox/validator/schema-view.ts): judged from a JSON number's exact
// text, never from a rounded JS number.
import { LosslessNumber, parse } from "lossless-json";
import { exactInteger, numberForSchema, schemaView } from "../../../../src/sandbox/validator/schema-view";

it("numberForSchema keeps integer-ness and int64 range from the text", () => {
  expect(numberForSchema("9007199254740993")).toBe(9007199254740992); // an integer, magnitude rounded
  expect(Number.isInteger(numberForSchema("9223372036854775807"))).toBe(true);
  expect(numberForSchema("9223372036854775808")).toBe(2 ** 64);
  expect(numberForSchema("-9223372036854775809")).toBe(-(2 ** 64));
  expect(numberForSchema("1e400")).toBe(2 ** 64);
  expect(numberForSchema("1.0")).toBe(1);
  expect(numberForSchema("2.5e1")).toBe(25);
  expect(numberForSchema("1.5")).toBe(1.5);
  expect(numberForSchema("9007199254740993.5")).toBe(0.5);
  expect(numberForSchema("-9007199254740993.5")).toBe(-0.5);
  expect(numberForSchema("0.000")).toBe(0);
});

it("exactInteger gives the exact value of an integer literal in any notation, and nothing for a fraction", () => {
  expect(exactInteger("9007199254740993")).toBe(9007199254740993n);
  expect(exactInteger("-12")).toBe(-12n);
  expect(exactInteger("1.0")).toBe(1n);
  expect(exactInteger("1e3")).toBe(1000n);
  expect(exactInteger("1E+3")).toBe(1000n);
  expect(exactInteger("0.1e1")).toBe(1n);
  expect(exactInteger("1200e-2")).toBe(12n);
  expect(exactInteger("00")).toBe(0n);
  expect(exactInteger("-0.0e5")).toBe(0n);
  expect(exactInteger("1.5")).toBeUndefined();
  expect(exactInteger("1e-1")).toBeUndefined();
  expect(exactInteger("1e400")).toBe("huge");
  expect(exactInteger("abc")).toBeUndefined();
  expect(exactInteger("+1")).toBeUndefined(); // no JSON number starts with "+"
});

it("schemaView replaces every LosslessNumber, at any depth, and leaves everything else as it is", () => {
  const tree = parse(
    '{"file":{"file_id":9007199254740993,"bytes":12.5,"filename":"a.mp3"},"ids":[1,9223372036854775808],"ok":true,"none":null}',
  );
  expect(schemaView(tree)).toEqual({
    file: { file_id: 9007199254740992, bytes: 12.5, filename: "a.mp3" },
    ids: [1, 2 ** 64],
    ok: true,
    none: null,
  });
  expect(schemaView(new LosslessNumber("1.0"))).toBe(1);
  expect(schemaView("9007199254740993")).toBe("9007199254740993"); // a string stays a string
});

import { describeInput as describeValue } from "../../../src/util/describe";

it.each<[unknown, string]>([
  [undefined, "nothing (undefined)"],
  [null, "null"],
  ["abc", '"abc"'],
  ["z".repeat(61), JSON.stringify(`${"z".repeat(60)}…`)],
  [3, "number 3"],
  [true, "boolean true"],
  [5n, "bigint 5"],
  [[1], "an array"],
  [new Map(), "an object (Map)"],
  [Object.create(null), "an object (Object)"],
  [() => 1, "function"],
])("describe(%p) is %s", (value, text) => {
  expect(describeValue(value)).toBe(text);
});

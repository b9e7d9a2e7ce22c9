// The coverage table the reporter prints at the end of the run (tests/setup/contract-coverage-reporter.cjs).
import type { CoverageReport } from "../helpers/contract";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { table } = require("../setup/contract-coverage-reporter.cjs") as { table: (report: CoverageReport) => string };

it("shows each operation × check as passed, FAILED, n/a or not run, with the findings and reasons", () => {
  const text = table({
    target: "http://127.0.0.1:1",
    kind: "external",
    checks: ["status_code_conformance", "response_headers_conformance"],
    operations: {
      listFiles: {
        status_code_conformance: { status: "failed", notes: ["HTTP 500 is not a documented response"] },
        response_headers_conformance: { status: "not applicable", notes: ["no headers documented"] },
      },
      uploadFile: { status_code_conformance: { status: "passed", notes: [] } },
      deleteFile: {
        status_code_conformance: { status: "not run", notes: ["filtered out"] },
        response_headers_conformance: { status: "not run", notes: ["filtered out"] },
      },
    },
  });
  const lines = text.split("\n");
  expect(lines[0]).toBe(
    "Contract coverage against http://127.0.0.1:1 (external): 1 passed, 1 failed, 1 not applicable, 2 not run, 1 missing",
  );
  expect(lines[1]).toMatch(/^\| check \\ operation +\| listFiles \| uploadFile \| deleteFile \|$/);
  expect(lines[3]).toMatch(/^\| status_code_conformance +\| FAILED +\| passed +\| not run +\|$/);
  expect(lines[4]).toMatch(/^\| response_headers_conformance \| n\/a +\| missing +\| not run +\|$/);
  expect(text).toContain("Failed:\n  listFiles status_code_conformance: HTTP 500 is not a documented response\n");
  // A filtered-out check is listed apart, never among the failures.
  expect(text).toContain(
    "Not run (filtered out of this run):\n  deleteFile: status_code_conformance, response_headers_conformance\n",
  );
  expect(text).not.toMatch(/deleteFile \w+: filtered out/);
  expect(text).toContain("  n/a response_headers_conformance: no headers documented");
});

it("merges the parts of several contract test files: checks in part order, cells side by side", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { merge } = require("../setup/contract-coverage-reporter.cjs") as {
    merge: (parts: CoverageReport[]) => CoverageReport;
  };
  const base = { target: "http://127.0.0.1:1", kind: "external" as const };
  const merged = merge([
    {
      ...base,
      checks: ["not_a_server_error"],
      operations: { listFiles: { not_a_server_error: { status: "passed", notes: [] } } },
    },
    {
      ...base,
      checks: ["negative_data_rejection", "not_a_server_error"],
      operations: {
        listFiles: { negative_data_rejection: { status: "failed", notes: ["accepted purpose 7"] } },
        deleteFile: { negative_data_rejection: { status: "passed", notes: [] } },
      },
    },
  ]);
  expect(merged).toEqual({
    ...base,
    checks: ["not_a_server_error", "negative_data_rejection"],
    operations: {
      listFiles: {
        not_a_server_error: { status: "passed", notes: [] },
        negative_data_rejection: { status: "failed", notes: ["accepted purpose 7"] },
      },
      deleteFile: { negative_data_rejection: { status: "passed", notes: [] } },
    },
  });
  expect(() =>
    merge([
      { ...base, checks: [], operations: {} },
      { ...base, target: "http://127.0.0.1:2", checks: [], operations: {} },
    ]),
  ).toThrow(/disagree on the target/);
});

it("shows a failure shared by many cells once, with its count; names each n/a check once", () => {
  const refused = "connect ECONNREFUSED 127.0.0.1:2";
  const operations = ["uploadFile", "listFiles", "retrieveFile", "retrieveFileContent", "deleteFile"];
  const checks = ["not_a_server_error", "status_code_conformance", "download_media_type"];
  const text = table({
    target: "http://127.0.0.1:2",
    kind: "external",
    checks,
    operations: Object.fromEntries(
      operations.map((op) => [
        op,
        {
          not_a_server_error: { status: "failed", notes: [refused] },
          status_code_conformance: { status: "failed", notes: [op === "listFiles" ? "HTTP 500" : refused] },
          download_media_type:
            op === "retrieveFileContent"
              ? { status: "not applicable", notes: ["only MiniMax can confirm this"] }
              : { status: "not applicable", notes: ["the check is about retrieveFileContent"] },
        },
      ]),
    ),
  });
  // 9 cells failed alike: the cause once, with the count and the first cells.
  expect(text.split(refused)).toHaveLength(2);
  expect(text).toContain(
    `Failed:\n  9 cells: ${refused}\n    (uploadFile not_a_server_error, uploadFile status_code_conformance, listFiles not_a_server_error, retrieveFile not_a_server_error, retrieveFile status_code_conformance, retrieveFileContent not_a_server_error and 3 more)\n  listFiles status_code_conformance: HTTP 500`,
  );
  const na = text.split("\n").filter((line) => line.startsWith("  n/a "));
  expect(na).toEqual([
    "  n/a download_media_type: the check is about retrieveFileContent (uploadFile, listFiles, retrieveFile, deleteFile); only MiniMax can confirm this (retrieveFileContent)",
  ]);
});

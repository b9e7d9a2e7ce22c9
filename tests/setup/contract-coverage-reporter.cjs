// Prints the contract suite's coverage table (operation × check → passed / failed / not
// applicable / not run) at the end of the run. "not run" (a test filtered out, e.g. by jest -t) is
// counted apart from "failed", so a filtered run does not report failures that did not happen.
// Each contract test file writes its part to this run's own folder under FILE.parts/
// (tests/helpers/contract.ts CoverageRecorder, told the folder by CONTRACT_COVERAGE_PARTS); this
// merges them into FILE and prints it. FILE is removed when a run starts, so a table is printed
// only for a run that wrote one. The folder is the run's own because another Jest run in the same
// checkout (a second terminal, a helper) would otherwise clear the parts of this one at its start,
// and this table would lose rows without a word.
const fs = require("node:fs");
const path = require("node:path");

const FILE = process.env.CONTRACT_COVERAGE_FILE || path.resolve(__dirname, "../../reports/contract-coverage.json");
const PARTS_ROOT = `${FILE}.parts`;
const MARK = { passed: "passed", failed: "FAILED", "not applicable": "n/a", "not run": "not run" };

function table(report) {
  const operations = Object.keys(report.operations);
  // One row per check, one column per operation: narrow enough for a terminal.
  const header = ["check \\ operation", ...operations];
  const rows = report.checks.map((check) => [
    check,
    ...operations.map((op) => MARK[report.operations[op][check]?.status] ?? "missing"),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const out = [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)];
  const counts = { passed: 0, failed: 0, "not applicable": 0, "not run": 0, missing: 0 };
  const failures = new Map(); // note → the cells that failed with it: a dead target fails every cell alike
  const notRun = new Map(); // operation → its checks not run: one line per operation, a filtered run has many
  for (const op of operations)
    for (const check of report.checks) {
      const cell = report.operations[op][check];
      counts[cell?.status ?? "missing"] += 1;
      if (cell?.status === "failed")
        for (const note of cell.notes) failures.set(note, [...(failures.get(note) ?? []), `${op} ${check}`]);
      if (cell?.status === "not run") notRun.set(op, [...(notRun.get(op) ?? []), check]);
    }
  return [
    `Contract coverage against ${report.target} (${report.kind}): ${counts.passed} passed, ${counts.failed} failed, ${counts["not applicable"]} not applicable, ${counts["not run"]} not run${counts.missing ? `, ${counts.missing} missing` : ""}`,
    ...out,
    ...(failures.size ? ["Failed:", ...[...failures].map(([note, cells]) => failedLine(note, cells))] : []),
    ...(notRun.size
      ? ["Not run (filtered out of this run):", ...[...notRun].map(([op, checks]) => `  ${op}: ${checks.join(", ")}`)]
      : []),
    ...notApplicable(report, operations),
  ].join("\n");
}

const SHOWN_CELLS = 6;

/** One failure: the cell it came from, or, when cells failed alike, the note once with a count. */
function failedLine(note, cells) {
  if (cells.length === 1) return `  ${cells[0]}: ${note}`;
  const shown = cells.slice(0, SHOWN_CELLS).join(", ");
  const more = cells.length > SHOWN_CELLS ? ` and ${cells.length - SHOWN_CELLS} more` : "";
  return `  ${cells.length} cells: ${note}\n    (${shown}${more})`;
}

/** The n/a legend: each check once, its reasons each once, with the operations they apply to. */
function notApplicable(report, operations) {
  const lines = [];
  for (const check of report.checks) {
    const reasons = new Map(); // reason → operations
    for (const op of operations) {
      const cell = report.operations[op][check];
      if (cell?.status !== "not applicable") continue;
      const reason = cell.notes.join("; ");
      reasons.set(reason, [...(reasons.get(reason) ?? []), op]);
    }
    if (reasons.size === 0) continue;
    const all = [...reasons.values()].flat().length === operations.length;
    const text =
      reasons.size === 1 && all
        ? [...reasons.keys()][0]
        : [...reasons].map(([reason, ops]) => `${reason} (${ops.join(", ")})`).join("; ");
    lines.push(`  n/a ${check}: ${text}`);
  }
  return lines;
}

/** One report from the parts (in file-name order): checks in the parts' order, cells side by side. */
function merge(parts) {
  const merged = { target: parts[0].target, kind: parts[0].kind, checks: [], operations: {} };
  for (const part of parts) {
    if (part.target !== merged.target)
      throw new Error(`contract coverage parts disagree on the target: ${merged.target} and ${part.target}`);
    for (const check of part.checks) if (!merged.checks.includes(check)) merged.checks.push(check);
    for (const [operation, cells] of Object.entries(part.operations))
      Object.assign((merged.operations[operation] ??= {}), cells);
  }
  return merged;
}

function readParts(folder) {
  let names;
  try {
    names = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch {
    return []; // no contract test file ran
  }
  return names.map((name) => JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")));
}

class ContractCoverageReporter {
  constructor() {
    // Set before Jest starts its workers, which inherit the environment (in band, the tests read it here).
    this.parts = path.join(PARTS_ROOT, `run-${process.pid}`);
    process.env.CONTRACT_COVERAGE_PARTS = this.parts;
  }
  onRunStart() {
    fs.rmSync(FILE, { force: true });
    fs.rmSync(this.parts, { recursive: true, force: true });
  }
  onRunComplete() {
    const parts = readParts(this.parts);
    fs.rmSync(this.parts, { recursive: true, force: true });
    try {
      fs.rmdirSync(PARTS_ROOT); // only when no other run's parts are in it
    } catch {
      // another run's parts, or none at all
    }
    if (parts.length === 0) return;
    const report = merge(parts);
    fs.writeFileSync(FILE, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\n${table(report)}\n`);
  }
}

module.exports = ContractCoverageReporter;
module.exports.table = table;
module.exports.merge = merge;

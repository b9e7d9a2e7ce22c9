// `npm run contract -- --har <file>`: merges the HAR entries every contract test file wrote
// (tests/helpers/har.ts, into this run's own folder CONTRACT_HAR_PARTS) into one HAR 1.2 file,
// in the order the exchanges started. Does nothing unless CONTRACT_HAR names the file.
const fs = require("node:fs");
const path = require("node:path");

class HarReporter {
  constructor() {
    this.file = process.env.CONTRACT_HAR;
    if (!this.file) return;
    // Set before Jest starts its workers, which inherit the environment.
    this.parts = `${this.file}.parts/run-${process.pid}`;
    process.env.CONTRACT_HAR_PARTS = this.parts;
  }
  onRunStart() {
    if (this.parts) fs.rmSync(this.parts, { recursive: true, force: true });
  }
  onRunComplete() {
    if (!this.parts) return;
    let names = [];
    try {
      names = fs.readdirSync(this.parts).filter((name) => name.endsWith(".json"));
    } catch {
      // no contract test file ran
    }
    const entries = names
      .flatMap((name) => JSON.parse(fs.readFileSync(path.join(this.parts, name), "utf8")))
      .sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
    fs.rmSync(`${this.file}.parts`, { recursive: true, force: true });
    const creator = { name: "minimax-files contract suite", version: require("../../package.json").version };
    fs.writeFileSync(this.file, `${JSON.stringify({ log: { version: "1.2", creator, entries } }, null, 1)}\n`);
    process.stdout.write(`\nHAR: ${entries.length} exchanges written to ${this.file} (the key masked)\n`);
  }
}

module.exports = HarReporter;

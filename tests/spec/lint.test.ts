// `npm run lint:spec` in CI: Spectral (spectral:oas, .spectral.yaml) and Redocly (recommended,
// redocly.yaml) on the stored and the effective spec. Any error fails, and so does a warning from a
// rule that the configuration does not list as an accepted warning (each listed with its reason).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ROOT } from "../helpers/spec";

type Json = Record<string, any>;
interface Finding {
  file: string;
  rule: string;
  severity: "error" | "warn";
  where: string;
}

const script: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts["lint:spec"];
const [spectralCommand, redoclyCommand] = script.split(" && ");
const STORED = "openapi/openapi.json";
const EFFECTIVE = "generated/openapi.json";

/** Runs a command line the way npm does (node_modules/.bin on PATH), without a shell. */
function run(commandLine: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...args] = commandLine.split(/\s+/);
  const env = {
    ...process.env,
    PATH: `${path.join(ROOT, "node_modules/.bin")}${path.delimiter}${process.env["PATH"]}`,
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  };
  return new Promise((resolve) => {
    execFile(
      command!,
      [...args, ...extra],
      { cwd: ROOT, env, timeout: 25_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

async function spectral(): Promise<{ code: number; findings: Finding[] }> {
  const { code, stdout, stderr } = await run(spectralCommand!, ["--format", "json", "--quiet"]);
  let results: Json[];
  try {
    results = JSON.parse(stdout.slice(stdout.indexOf("[")));
  } catch {
    throw new Error(`Spectral did not answer with JSON (exit ${code}):\n${stdout}\n${stderr}`);
  }
  const findings = results.map(
    (r): Finding => ({
      file: path.relative(ROOT, r["source"]),
      rule: r["code"],
      severity: r["severity"] === 0 ? "error" : "warn",
      where: (r["path"] as string[]).join("."),
    }),
  );
  return { code, findings };
}

async function redocly(): Promise<{ code: number; findings: Finding[] }> {
  const apis = YAML.parse(fs.readFileSync(path.join(ROOT, "redocly.yaml"), "utf8"))["apis"] as Json;
  let code = 0;
  const findings: Finding[] = [];
  for (const [alias, api] of Object.entries(apis)) {
    // The script lints every API of redocly.yaml; one at a time here, so each JSON report is whole.
    const result = await run(redoclyCommand!, [alias, "--format=json"]);
    let report: Json;
    try {
      report = JSON.parse(result.stdout.slice(result.stdout.indexOf("{")));
    } catch {
      throw new Error(
        `Redocly did not answer with JSON for ${alias} (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    code ||= result.code;
    for (const p of report["problems"] as Json[])
      findings.push({
        file: api["root"],
        rule: p["ruleId"],
        severity: p["severity"] === "error" ? "error" : "warn",
        where: p["location"]?.[0]?.["pointer"] ?? "",
      });
  }
  return { code, findings };
}

/** The warnings each configuration accepts, per spec file. */
function acceptedSpectral(): Record<string, Set<string>> {
  const ruleset = YAML.parse(fs.readFileSync(path.join(ROOT, ".spectral.yaml"), "utf8")) as Json;
  const base = Object.entries(ruleset["rules"] ?? {})
    .filter(([, s]) => s === "warn")
    .map(([r]) => r);
  const accepted: Record<string, Set<string>> = { [STORED]: new Set(base), [EFFECTIVE]: new Set(base) };
  for (const o of (ruleset["overrides"] ?? []) as Json[]) {
    for (const file of o["files"] as string[])
      for (const [r, s] of Object.entries(o["rules"] as Json)) if (s === "warn") accepted[file.split("#")[0]!]!.add(r);
  }
  return accepted;
}
function acceptedRedocly(): Record<string, Set<string>> {
  const config = YAML.parse(fs.readFileSync(path.join(ROOT, "redocly.yaml"), "utf8")) as Json;
  const warns = (rules: Json | undefined) =>
    Object.entries(rules ?? {})
      .filter(([, s]) => s === "warn")
      .map(([r]) => r);
  return Object.fromEntries(
    Object.values(config["apis"] as Json).map((api: Json) => [
      api["root"],
      new Set([...warns(config["rules"]), ...warns(api["rules"])]),
    ]),
  );
}

const unaccepted = (findings: Finding[], accepted: Record<string, Set<string>>) =>
  findings
    .filter((f) => f.severity === "error" || !accepted[f.file]?.has(f.rule))
    .map((f) => `${f.file} ${f.severity} ${f.rule} at ${f.where}`);

it("lint:spec is Spectral and then Redocly, on both specs", () => {
  expect(spectralCommand).toBe(`spectral lint --fail-severity error ${STORED} ${EFFECTIVE}`);
  expect(redoclyCommand).toBe("redocly lint");
  expect(
    Object.values(YAML.parse(fs.readFileSync(path.join(ROOT, "redocly.yaml"), "utf8"))["apis"]).map((a: any) => a.root),
  ).toEqual([STORED, EFFECTIVE]);
});

it("Spectral (spectral:oas) finds no error and only accepted warnings in either spec", async () => {
  const { code, findings } = await spectral();
  expect(unaccepted(findings, acceptedSpectral())).toEqual([]);
  expect(code).toBe(0);
  expect(new Set(findings.map((f) => f.file))).toEqual(new Set([STORED, EFFECTIVE])); // both specs were linted (each has accepted warnings)
}, 30_000);

it("Redocly (recommended) finds no error and only accepted warnings in either spec", async () => {
  const { code, findings } = await redocly();
  expect(unaccepted(findings, acceptedRedocly())).toEqual([]);
  expect(code).toBe(0);
  expect(findings.filter((f) => f.file === EFFECTIVE && f.rule === "no-invalid-schema-examples")).toEqual([]);
}, 30_000);

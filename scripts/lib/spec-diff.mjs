// What changed between two stored documents, rated for this package's users:
//
// 1. The API change, by `redocly diff` (Redocly CLI, already our linter): every change with the
//    semver impact Redocly's rules give it (a removed enum value or a changed type is major, an
//    added optional field minor, an added request enum value patch).
// 2. The package's public TypeScript surface, by the TypeScript compiler: the generated types of
//    both effective specs (after our overlay), checked for assignability operation by operation. A
//    request a user's code could build before must still be accepted (old ⊆ new), and a response
//    must still have what their code reads (new ⊆ old); either failing is breaking. The run-time
//    constants (purpose lists, operation ids) are compared value by value.
// The package's bump is the larger of the two. Markdown output goes straight into CHANGELOG.md.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import YAML from "yaml";
import { constantValues as constantsOf, generateConstants } from "./constants.mjs";
import { deriveEffectiveSpec } from "./spec.mjs";
import { generateTypes } from "./types.mjs";

const run = promisify(execFile);
const RANK = { none: 0, patch: 1, minor: 2, major: 3 };
const larger = (a, b) => (RANK[a] >= RANK[b] ? a : b);

/** `redocly diff` as JSON: `{ bump, changes: [{ pointer, impact, kind, message }] }`. */
async function redoclyDiff(root, baseFile, revisionFile) {
  const bin = path.join(root, "node_modules/.bin/redocly");
  const { stdout } = await run(
    bin,
    [
      "diff",
      baseFile,
      revisionFile,
      "--config",
      path.join(root, "scripts/lib/redocly-diff.yaml"),
      "--format",
      "json",
      "--fail-on",
      "none",
    ],
    {
      cwd: root,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  const report = JSON.parse(stdout);
  const changes = report.changes.flatMap((change) => {
    const where = `${change.path}${change.property ? ` · ${change.property}` : ""}`;
    const verdicts = change.verdicts?.length ? change.verdicts : [{ impact: change.impact, message: "" }];
    return verdicts.map((v) => ({
      pointer: where,
      impact: v.impact ?? change.impact,
      kind: change.kind,
      rule: v.ruleId ?? "",
      message: v.message || describeChange(change),
    }));
  });
  return { bump: report.bump ?? "none", changes };
}

function describeChange(change) {
  const show = (v) => (v === undefined ? "nothing" : JSON.stringify(v));
  if (change.kind === "added") return "added";
  if (change.kind === "removed") return "removed";
  return `${show(change.base?.value)} → ${show(change.revision?.value)}`;
}

function compareConstants(base, revision) {
  const lines = [];
  let bump = "none";
  for (const name of new Set([...Object.keys(base), ...Object.keys(revision)])) {
    const a = base[name];
    const b = revision[name];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const list = (v) => (Array.isArray(v) ? v : Object.keys(v ?? {}));
    const removed = list(a).filter((v) => !list(b).includes(v));
    const added = list(b).filter((v) => !list(a).includes(v));
    if (a === undefined || removed.length) bump = larger(bump, a === undefined ? "minor" : "major");
    if (b === undefined || added.length) bump = larger(bump, b === undefined ? "major" : "minor");
    const parts = [
      ...(added.length ? [`added ${added.map((v) => `\`${v}\``).join(", ")}`] : []),
      ...(removed.length ? [`removed ${removed.map((v) => `\`${v}\``).join(", ")} (breaking)`] : []),
    ];
    lines.push(`\`${name}\`: ${parts.join("; ") || "changed"}`);
  }
  return { bump, lines };
}

/** Compiles an assignability check of the two generated type files; the errors say what broke. */
async function compareTypes(root, baseTypes, revisionTypes, operations) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spec-diff-"));
  try {
    fs.writeFileSync(path.join(dir, "base.d.ts"), baseTypes);
    fs.writeFileSync(path.join(dir, "revision.d.ts"), revisionTypes);
    const checks = [
      'import type { operations as Base } from "./base";',
      'import type { operations as Revision } from "./revision";',
      "type Request<O> = O extends { parameters: infer P; requestBody?: infer B } ? { parameters: P; body: B } : never;",
      "type Responses<O> = O extends { responses: infer R } ? R : never;",
      "type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;",
      "declare const base: { [K in keyof Base]: { request: Request<Base[K]>; responses: Responses<Base[K]> } };",
      "declare const revision: { [K in keyof Revision]: { request: Request<Revision[K]>; responses: Responses<Revision[K]> } };",
    ];
    for (const op of operations) {
      checks.push(`// ${op}`);
      checks.push(`export const request_${op}: typeof revision.${op}.request = base.${op}.request;`);
      checks.push(`export const responses_${op}: typeof base.${op}.responses = revision.${op}.responses;`);
      checks.push(
        `export const same_request_${op}: Same<typeof base.${op}.request, typeof revision.${op}.request> = true;`,
      );
      checks.push(
        `export const same_responses_${op}: Same<typeof base.${op}.responses, typeof revision.${op}.responses> = true;`,
      );
    }
    fs.writeFileSync(path.join(dir, "check.ts"), `${checks.join("\n")}\n`);
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const args = [
      "--noEmit",
      "--strict",
      "--skipLibCheck",
      "false",
      "--target",
      "es2022",
      "--moduleResolution",
      "bundler",
    ];
    const result = await run(process.execPath, [tsc, ...args, "--module", "esnext", path.join(dir, "check.ts")], {
      cwd: dir,
    }).catch((error) => error);
    const errors = String(result.stdout ?? "")
      .split("\n")
      .filter((line) => /check\.ts\(\d+,\d+\): error/.test(line));
    const lineOf = (e) => Number(/check\.ts\((\d+),/.exec(e)[1]);
    const failed = new Set(errors.map((e) => checks[lineOf(e) - 1]?.match(/export const (\w+)/)?.[1]).filter(Boolean));
    const missing = operations.filter((op) => errors.some((e) => e.includes(`'${op}'`)));
    const lines = [];
    let bump = "none";
    for (const op of operations) {
      if (missing.includes(op)) {
        lines.push(`\`${op}\`: the operation is gone from the types (breaking)`);
        bump = larger(bump, "major");
        continue;
      }
      if (failed.has(`request_${op}`)) {
        lines.push(`\`${op}\`: a request that type-checked before no longer does (breaking)`);
        bump = larger(bump, "major");
      } else if (failed.has(`same_request_${op}`)) {
        lines.push(`\`${op}\`: requests accept more than before`);
        bump = larger(bump, "minor");
      }
      if (failed.has(`responses_${op}`)) {
        lines.push(`\`${op}\`: a response lacks or retypes something users read before (breaking)`);
        bump = larger(bump, "major");
      } else if (failed.has(`same_responses_${op}`)) {
        lines.push(`\`${op}\`: responses carry more than before`);
        bump = larger(bump, "minor");
      }
    }
    return { bump, lines };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Diffs two stored documents (files); the overlay is applied to each for the TypeScript surface.
 * Returns `{ bump, markdown, api, surface }`.
 */
export async function diffSpecs({ root, baseFile, revisionFile, overlayFile, title }) {
  const api = await redoclyDiff(root, baseFile, revisionFile);
  const overlay = YAML.parse(fs.readFileSync(overlayFile, "utf8"));
  const effective = async (file) => {
    const stored = JSON.parse(fs.readFileSync(file, "utf8"));
    const sources = { spec: path.relative(root, file) || file, overlay: path.relative(root, overlayFile) };
    const { effective: spec } = await deriveEffectiveSpec(stored, overlay, sources);
    const source = `${sources.spec} after ${sources.overlay}`;
    return { types: await generateTypes(spec, "", source), constants: generateConstants(spec, "", source), spec };
  };
  let surface;
  try {
    const [base, revision] = [await effective(baseFile), await effective(revisionFile)];
    const operations = Object.values(constantsOf(revision.constants).OPERATIONS ?? {});
    const baseOperations = Object.values(constantsOf(base.constants).OPERATIONS ?? {});
    const types = await compareTypes(root, base.types, revision.types, [
      ...new Set([...baseOperations, ...operations]),
    ]);
    const constants = compareConstants(constantsOf(base.constants), constantsOf(revision.constants));
    surface = { bump: larger(types.bump, constants.bump), lines: [...types.lines, ...constants.lines] };
  } catch (error) {
    surface = { bump: "unknown", lines: [`not computed: ${String(error.message).split("\n")[0]}`], error };
  }
  const apiBump = { major: "major", minor: "minor", patch: "patch" }[api.bump] ?? "none";
  const bump = surface.bump === "unknown" ? apiBump : larger(apiBump, surface.bump);
  return { bump, api, surface, markdown: renderMarkdown({ title, api, surface, bump }) };
}

const IMPACT = { major: "breaking", minor: "non-breaking (addition)", patch: "non-breaking" };

function renderMarkdown({ title, api, surface, bump }) {
  const cell = (s) => String(s).replaceAll("|", "\\|").replaceAll("\n", " ");
  const out = [`### ${title}`, ""];
  if (!api.changes.length) out.push("No change in the API description.", "");
  else {
    out.push("| impact | where | change |", "| --- | --- | --- |");
    const order = [...api.changes].sort((a, b) => RANK[b.impact] - RANK[a.impact]);
    for (const c of order)
      out.push(
        `| ${IMPACT[c.impact] ?? c.impact} | \`${cell(c.pointer)}\` | ${cell(c.message)}${c.rule ? ` (\`${c.rule}\`)` : ""} |`,
      );
    out.push("");
  }
  out.push("Public TypeScript surface (generated types and constants):", "");
  out.push(...(surface.lines.length ? surface.lines.map((l) => `- ${l}`) : ["- unchanged"]), "");
  const zeroX = bump === "major" ? " (while the version is 0.x, a breaking change bumps the minor)" : "";
  out.push(`Semver bump for minimax-files: **${bump}**${zeroX}.`);
  return `${out.join("\n")}\n`;
}

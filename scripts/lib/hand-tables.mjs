// The tables kept by hand next to the spec, checked against it by `npm run generate`:
//
// - src/transfer/upload-limits.ts `UPLOAD_LIMITS`: the formats and sizes MiniMax's docs give per
//   upload purpose. A purpose the spec lists without an entry still uploads, without format and
//   size checks; an entry for a purpose the spec no longer lists is never used.
// - src/errors/error-map.ts `BUSINESS_CODES`: every `base_resp.status_code` MiniMax documents. A
//   code a `status_code` description lists without an entry is reported as a plain MiniMaxAPIError
//   (not retried) until one is added.
//
// Both are read from their source with the TypeScript parser (the keys of the object literal), so
// the check needs no build. Each finding is a warning that names the file and what to add.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const UPLOAD_LIMITS_FILE = "src/transfer/upload-limits.ts";
export const ERROR_MAP_FILE = "src/errors/error-map.ts";

/** The keys of `export const <name> … = { … }` in a TypeScript file. */
export function objectKeys(file, name) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  let keys;
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === name && node.initializer) {
      let init = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))
        init = init.expression;
      if (ts.isObjectLiteralExpression(init))
        keys = init.properties.filter((p) => p.name).map((p) => p.name.getText(source).replace(/^["']|["']$/g, ""));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!keys) throw new Error(`${file}: no object literal named ${name}`);
  return keys;
}

/** Every status code the effective spec's `status_code` descriptions list (0, success, left out). */
export function documentedStatusCodes(spec) {
  const codes = new Map(); // code → where it is listed
  const walk = (node, at) => {
    if (Array.isArray(node)) for (const [i, v] of node.entries()) walk(v, `${at}/${i}`);
    else if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node)) {
        if (key === "status_code" && typeof value?.description === "string")
          for (const m of value.description.matchAll(/^\s*-?\s*(\d{3,6})\s*[,，:：]/gm))
            if (m[1] !== "0" && !codes.has(Number(m[1]))) codes.set(Number(m[1]), `${at}/${key}`);
        walk(value, `${at}/${key}`);
      }
  };
  walk(spec, "#");
  return codes;
}

/** Warnings for the hand-kept tables that the effective spec says need attention. */
export function checkHandTables(spec, constants, root) {
  const warnings = [];
  const limits = objectKeys(path.join(root, UPLOAD_LIMITS_FILE), "LIMITS");
  for (const purpose of constants.UPLOAD_PURPOSES.filter((p) => !limits.includes(p)))
    warnings.push(
      `upload purpose "${purpose}" has no entry in ${UPLOAD_LIMITS_FILE} (UPLOAD_LIMITS): uploads with it are sent without format and size checks until the limits MiniMax documents for it are added there`,
    );
  for (const purpose of limits.filter((p) => !constants.UPLOAD_PURPOSES.includes(p)))
    warnings.push(
      `${UPLOAD_LIMITS_FILE} (UPLOAD_LIMITS) has "${purpose}", which is no upload purpose of the spec: remove it, or check the spec`,
    );
  const mapped = new Set(objectKeys(path.join(root, ERROR_MAP_FILE), "BUSINESS_CODES").map(Number));
  const examples = new Set(
    JSON.stringify(spec)
      .match(/"status_code_\d+"/g)
      ?.map((n) => Number(n.slice(13, -1))),
  );
  for (const [code, at] of documentedStatusCodes(spec)) {
    if (!mapped.has(code))
      warnings.push(
        `status code ${code} (listed at ${at}) has no entry in ${ERROR_MAP_FILE} (BUSINESS_CODES): it is reported as a plain MiniMaxAPIError, not retried, until one is added`,
      );
    if (!examples.has(code))
      warnings.push(
        `status code ${code} (listed at ${at}) has no named failure example (status_code_${code}) in openapi/overlay.yaml: Prism cannot serve it, and the contract suite's prefer_example_documented fails until one is added`,
      );
  }
  return warnings;
}

// The build of the effective spec: stored document + OAS normalization + our overlay.
// Everything here is pure (document in, document out) so generate.mjs and the tests share it.
import { Validator } from "@seriousme/openapi-schema-validator";
import SwaggerParser from "@apidevtools/swagger-parser";
import { openapiOverlay } from "openapi-format";

export const JSON_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

// OAS 3.1 §4.8.12.1: header parameters with these names "SHALL be ignored".
const IGNORED_HEADER_PARAMETERS = new Set(["content-type", "accept", "authorization"]);

export class SpecError extends Error {
  constructor(source, problems, headline = "is not a valid OpenAPI 3.1 document") {
    super(`${source} ${headline}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SpecError";
    this.problems = problems;
  }
}

/** One JSON Pointer reference token: "/v1/files/list" → "~1v1~1files~1list". */
export const pointerToken = (token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");

/** "#/paths/~1v1~1files~1list/get" → `paths["/v1/files/list"].get` so a reader finds the spot. */
export function readableLocation(pointer) {
  const tokens = pointer
    .replace(/^#?\//, "")
    .split("/")
    .filter((t) => t !== "");
  if (tokens.length === 0) return "(document root)";
  return tokens
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((t, i) =>
      /^\d+$/.test(t) ? `[${t}]` : /^[A-Za-z_$][\w$-]*$/.test(t) ? (i ? `.${t}` : t) : `[${JSON.stringify(t)}]`,
    )
    .join("");
}

function describeAjvErrors(errors) {
  // oneOf/if branches repeat the same failure at shallower depths; the deepest locations say the most.
  const depth = (e) => e.instancePath.split("/").length;
  const deepest = Math.max(...errors.map(depth));
  const seen = new Set();
  const problems = [];
  for (const e of errors.filter((e) => depth(e) >= deepest - 1 && !["if", "oneOf", "anyOf"].includes(e.keyword))) {
    const detail = e.params?.allowedValues
      ? ` (${e.params.allowedValues.join(", ")})`
      : e.params?.missingProperty
        ? ` '${e.params.missingProperty}'`
        : e.params?.additionalProperty
          ? ` '${e.params.additionalProperty}'`
          : "";
    const msg = `at ${readableLocation(e.instancePath)}: ${e.message}${e.keyword === "required" ? "" : detail}`;
    if (!seen.has(msg)) problems.push(msg), seen.add(msg);
  }
  return problems.length ? problems : errors.map((e) => `at ${readableLocation(e.instancePath)}: ${e.message}`);
}

/**
 * Structure against the official OAS 3.1 schema (carried by @seriousme/openapi-schema-validator),
 * then semantics and $refs with swagger-parser. swagger-parser 12 bundles an outdated 3.1 schema
 * that rejects a `license` with only `name` (valid OAS 3.1), so its own schema pass is off; the
 * test "swagger-parser's bundled schema still rejects..." tells us when that can change.
 */
export async function validateDocument(doc, source) {
  if (doc?.openapi !== "3.1.0") {
    throw new SpecError(source, [`at openapi: expected "3.1.0", found ${JSON.stringify(doc?.openapi)}`]);
  }
  const structural = await new Validator().validate(structuredClone(doc));
  if (!structural.valid) {
    const errors = structural.errors;
    throw new SpecError(source, typeof errors === "string" ? [errors] : describeAjvErrors(errors ?? []));
  }
  try {
    await SwaggerParser.validate(structuredClone(doc), { validate: { schema: false, spec: true } });
  } catch (error) {
    throw new SpecError(source, [String(error.message).trim()]);
  }
}

function isIgnoredHeader(parameter, doc) {
  let p = parameter;
  if (p && typeof p.$ref === "string" && p.$ref.startsWith("#/components/parameters/")) {
    p = doc.components?.parameters?.[p.$ref.slice("#/components/parameters/".length)];
  }
  return p?.in === "header" && IGNORED_HEADER_PARAMETERS.has(String(p.name).toLowerCase());
}

/** Removes the header parameters OAS says are ignored; returns where each one was. */
export function stripIgnoredHeaderParameters(doc) {
  const removed = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const holders = [
      ["", item],
      ...Object.entries(item).filter(([k]) =>
        ["get", "put", "post", "delete", "options", "head", "patch", "trace"].includes(k),
      ),
    ];
    for (const [method, holder] of holders) {
      if (!Array.isArray(holder.parameters)) continue;
      const kept = holder.parameters.filter((p) => {
        const drop = isIgnoredHeader(p, doc);
        if (drop) removed.push(`${method ? `${method.toUpperCase()} ` : ""}${path}: header ${p.name ?? p.$ref}`);
        return !drop;
      });
      if (kept.length) holder.parameters = kept;
      else delete holder.parameters;
    }
  }
  return removed;
}

/** Applies an OpenAPI Overlay 1.0 document; every action must still match something upstream. */
export async function applyOverlay(doc, overlay, source) {
  const overlayError = (problems) => new SpecError(source, problems, "is not a usable set of corrections");
  if (!/^1\.0\.\d+$/.test(String(overlay?.overlay)) || !Array.isArray(overlay.actions)) {
    throw overlayError(["expected an OpenAPI Overlay 1.0 document (overlay: 1.0.x, actions: [...])"]);
  }
  const missingReason = overlay.actions.filter((a) => !a.description?.trim());
  if (missingReason.length) {
    throw overlayError(
      missingReason.map((a) => `action on ${a.target} has no description: every correction must say why`),
    );
  }
  const { data, resultData } = await openapiOverlay(structuredClone(doc), { overlaySet: overlay });
  if (resultData.totalUnusedActions > 0) {
    throw overlayError(
      resultData.unusedActions.map(
        (a) => `action on ${a.target} matched nothing: the upstream document changed, review this correction`,
      ),
    );
  }
  return data;
}

/** Stored document → effective document (what both openapi-typescript and Prism read). */
export async function deriveEffectiveSpec(stored, overlay, sources) {
  await validateDocument(stored, sources.spec);
  const doc = await applyOverlay(stored, overlay, sources.overlay);
  const removedHeaders = stripIgnoredHeaderParameters(doc);
  const { openapi, ...rest } = doc;
  const effective = {
    "x-generated": `DO NOT EDIT. Generated by \`npm run generate\` from ${sources.spec} and ${sources.overlay}.`,
    openapi,
    jsonSchemaDialect: JSON_SCHEMA_2020_12,
    ...rest,
  };
  await validateDocument(effective, `${sources.spec} after ${sources.overlay}`);
  return { effective, removedHeaders };
}

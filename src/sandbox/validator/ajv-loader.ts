// Ajv, loaded on demand: only when a sandbox is started with validation on. The sandbox ships in
// dist/ (subpath "minimax-files/sandbox"), but Ajv is not a runtime dependency of the client, and
// not declared at all: an optionalDependency would be installed for every user of the client, and
// even an optional peer makes npm refuse to install the client into a project that has another
// Ajv version (ERESOLVE). Whoever wants the validating sandbox installs Ajv (the error says how).
import type Ajv2020 from "ajv/dist/2020";

export type Ajv = InstanceType<typeof Ajv2020>;

/** The `code` of the error loadAjv throws when Ajv or ajv-formats is not installed. */
export const AJV_MISSING = "MINIMAX_SANDBOX_AJV_MISSING";

/** A new Ajv (JSON Schema 2020-12, as OAS 3.1 uses) that knows OpenAPI's formats; throws saying what to install when Ajv is missing. */
export function loadAjv(): Ajv {
  let Ajv2020Class: typeof Ajv2020;
  let addFormats: (ajv: Ajv) => unknown;
  try {
    // require, not import(): the package is CommonJS, and a lazy require keeps Ajv off the load
    // path of "minimax-files/sandbox" when validation is off.
    Ajv2020Class = (require("ajv/dist/2020") as { default: typeof Ajv2020 }).default;
    addFormats = (require("ajv-formats") as { default: (ajv: Ajv) => unknown }).default;
  } catch (cause) {
    throw Object.assign(
      new Error(
        'The sandbox validates every exchange with Ajv, which is not installed: run `npm install ajv@8 ajv-formats@3` (not installed with minimax-files), or start it with { validate: false } or "auto".',
        { cause },
      ),
      { code: AJV_MISSING },
    );
  }
  const ajv = new Ajv2020Class({ strict: true, allErrors: true });
  addFormats(ajv);
  // OpenAPI's own formats (OAS 3.1 §4.4). int64 accepts the schema view's numbers (see numberForSchema).
  ajv.addFormat("int64", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n <= 2 ** 63,
  });
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat("binary", true);
  ajv.addKeyword("example"); // an OpenAPI annotation, not a JSON Schema keyword
  return ajv;
}

// Operation names as errors give them: the spec's operationId for each method and path.
import { OPERATIONS } from "./values";

/** The operationId of `method path` (e.g. "GET /v1/files/list" → "listFiles"), or the two as given. */
export function operationOf(method: string, schemaPath: string): string {
  return (OPERATIONS as Record<string, string>)[`${method} ${schemaPath}`] ?? `${method} ${schemaPath}`;
}

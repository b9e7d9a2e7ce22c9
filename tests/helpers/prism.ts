/** The URL of the Prism that globalSetup started on generated/openapi.json. */
export function prismUrl(): string {
  const url = process.env["PRISM_URL"];
  if (!url)
    throw new Error(
      "PRISM_URL is not set: run the tests through jest (globalSetup starts Prism, unless CONTRACT_TARGET is set: unset it for a full npm test)",
    );
  return url;
}

// One request before a contract run against a given target: is anything listening, and does it
// take the key? Without it, a dead port or a refused key fails every cell of the suite, each with
// the same cause repeated (hundreds of lines), and the one line that matters is lost.

import http from "node:http";
import https from "node:https";

const PROBE_TIMEOUT_MS = 5_000;
/** MiniMax's in-band codes for a refused key (openapi/reference-notes.md §2). */
const KEY_REFUSED_CODES = new Set([1004, 2049]);

/** One GET over node:http(s) (fetch refuses some ports outright, e.g. 9): status and body text. */
function get(url, headers) {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith("https:") ? https : http).get(
      url,
      { headers, timeout: PROBE_TIMEOUT_MS },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () =>
      request.destroy(Object.assign(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`), { code: "ETIMEDOUT" })),
    );
    request.on("error", reject);
  });
}

/** Why the target cannot be tested (one line), or undefined when it answered and took the key. */
export async function probeTarget(target, key) {
  const url = `${target.replace(/\/+$/, "")}/v1/files/list?purpose=voice_clone`;
  let answer;
  try {
    answer = await get(url, { authorization: `Bearer ${key}` });
  } catch (error) {
    // An AggregateError (every address of a host refused) carries the code on its errors.
    const code = error?.code ?? error?.errors?.[0]?.code;
    return `${target} is not reachable (${code && !String(error.message).includes(code) ? `${code}: ` : ""}${error.message || "connection failed"}): start the server, or check --target`;
  }
  let body;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  const code = body?.base_resp?.status_code;
  if (answer.status === 401 || answer.status === 403 || KEY_REFUSED_CODES.has(Number(code))) {
    const said =
      code !== undefined
        ? `MiniMax status ${code}${body.base_resp.status_msg ? ` "${body.base_resp.status_msg}"` : ""}`
        : `HTTP ${answer.status}`;
    return `${target} refused the key (${said}): pass the key it takes with --key (the sandbox's is printed by npm run sandbox)`;
  }
  return undefined;
}

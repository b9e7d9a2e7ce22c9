// TLS failures say exactly what happened, and that nothing was sent: a TLS socket holds the
// request's bytes until the handshake succeeds, so a refused certificate means no request reached
// the server (`requestSent: false`, and so even an upload may be retried). One real HTTPS server
// per kind, with certificates made by openssl for the run; the client runs as a user's program
// does, in its own process, trusting the run's CA through NODE_EXTRA_CA_CERTS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";
import {
  selfSignedCertificate,
  startTlsServer,
  testCertificates,
  type TestCertificates,
  type TlsServer,
} from "../helpers/tls";

let certificates: TestCertificates;
let dir: string;
const servers: TlsServer[] = [];
beforeAll(() => {
  certificates = testCertificates();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-tls-test-"));
  fs.writeFileSync(path.join(dir, "ca.pem"), certificates.ca);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An upload through the built client to `url`, trusting the run's CA; the error it ends with. */
async function uploadTo(url: string) {
  const program = path.join(dir, "upload.cjs");
  fs.writeFileSync(
    program,
    `const { MiniMaxFiles, toFile } = require(${JSON.stringify(path.join(ROOT, "dist/src/index.js"))});
new MiniMaxFiles({ apiKey: "sk-tls-test-0123456789", baseUrl: ${JSON.stringify(url)}, maxRetries: 1, backoff: { initialDelay: 1 } })
  .upload({ file: toFile(Buffer.from("hello"), "a.txt"), purpose: "t2a_async_input" })
  .then((file) => console.log(JSON.stringify({ stored: file.file_id })), (e) =>
    console.log(JSON.stringify({ name: e.name, requestSent: e.requestSent, fileMayBeStored: e.fileMayBeStored, message: e.message })));`,
  );
  const result = await runNode([program], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem") },
    timeoutMs: 30_000,
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

async function serve(certificate: { key: string; cert: string }) {
  const server = await startTlsServer(certificate);
  servers.push(server);
  return server;
}

it("a certificate from the trusted CA: the upload is stored (the set-up works)", async () => {
  const server = await serve(certificates.valid);
  expect(await uploadTo(server.url)).toEqual({ stored: expect.anything() });
  expect(server.requests).toBe(1);
});

it.each([
  ["untrusted (self-signed)", () => selfSignedCertificate(), "DEPTH_ZERO_SELF_SIGNED_CERT"],
  ["expired", () => certificates.expired, "CERT_HAS_EXPIRED"],
  ["for another host", () => certificates.wrongHost, "ERR_TLS_CERT_ALTNAME_INVALID"],
])(
  "a certificate %s: requestSent false, the problem named, retried, and no request reached the server",
  async (_, certificate, code) => {
    const server = await serve(certificate());
    const error = await uploadTo(server.url);
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: false, fileMayBeStored: false });
    expect(error["message"]).toContain(code);
    // maxRetries 1: tried twice, since nothing was sent; neither handshake let a request through.
    expect(server.refusedHandshakes).toBe(2);
    expect(server.requests).toBe(0);
  },
);

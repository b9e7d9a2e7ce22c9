// A self-signed certificate for 127.0.0.1, made with the openssl command for the run (no key is
// stored in the repository), and an HTTPS server on 127.0.0.1 that uses it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

export interface SelfSigned {
  key: string;
  cert: string;
}

export function selfSignedCertificate(): SelfSigned {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-tls-"));
  try {
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
      ].concat(["-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]),
      { stdio: "ignore" },
    );
    return { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsServer {
  url: string;
  /** HTTP requests the server received (after a successful handshake). */
  requests: number;
  /** Handshakes that failed (the client refused the certificate). */
  refusedHandshakes: number;
  close(): Promise<void>;
}

export async function startTlsServer(certificate: SelfSigned): Promise<TlsServer> {
  const state = { requests: 0, refusedHandshakes: 0 };
  const server = https.createServer(certificate, (_req, res) => {
    state.requests++;
    res.writeHead(200, { "content-type": "application/json" }).end('{"base_resp":{"status_code":0}}');
  });
  server.on("tlsClientError", () => state.refusedHandshakes++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    get refusedHandshakes() {
      return state.refusedHandshakes;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

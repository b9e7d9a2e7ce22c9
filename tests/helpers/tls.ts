// A self-signed certificate for 127.0.0.1, made with the openssl command for the run (no key is
// stored in the repository), and an HTTPS server on 127.0.0.1 that uses it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/** openssl's options for a new unencrypted P-256 key. */
const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

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

/** Certificates for 127.0.0.1 signed by a CA made for the run: valid, expired, and for another host. */
export interface TestCertificates {
  /** The CA's certificate (PEM): give it to a client as NODE_EXTRA_CA_CERTS to trust the others. */
  ca: string;
  valid: SelfSigned;
  /** Valid from 2020-01-01 to 2020-01-02. */
  expired: SelfSigned;
  /** For example.test, not 127.0.0.1. */
  wrongHost: SelfSigned;
}

export function testCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-ca-"));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore", cwd: dir });
  try {
    openssl(
      "req",
      "-x509",
      ...EC_KEY,
      "-keyout",
      at("ca.key"),
      "-out",
      at("ca.pem"),
      "-days",
      "1",
      "-subj",
      "/CN=minimax-files test CA",
    );
    fs.writeFileSync(at("index.txt"), "");
    fs.writeFileSync(at("serial"), "01\n");
    fs.writeFileSync(
      at("ca.cnf"),
      [
        "[ca]",
        "default_ca = test",
        "[test]",
        `database = ${at("index.txt")}`,
        `new_certs_dir = ${dir}`,
        `serial = ${at("serial")}`,
        "default_md = sha256",
        "policy = any",
        "unique_subject = no",
        "[any]",
        "commonName = supplied",
      ].join("\n"),
    );
    const sign = (name: string, host: string, dates: string[]): SelfSigned => {
      fs.writeFileSync(at(`${name}.ext`), `subjectAltName=${/^\d/.test(host) ? "IP" : "DNS"}:${host}\n`);
      openssl(
        "req",
        "-new",
        ...EC_KEY,
        "-keyout",
        at(`${name}.key`),
        "-out",
        at(`${name}.csr`),
        "-subj",
        `/CN=${host}`,
      );
      openssl(
        "ca",
        "-batch",
        "-notext",
        "-config",
        at("ca.cnf"),
        "-cert",
        at("ca.pem"),
        "-keyfile",
        at("ca.key"),
        "-in",
        at(`${name}.csr`),
        "-out",
        at(`${name}.pem`),
        "-extfile",
        at(`${name}.ext`),
        ...dates,
      );
      return { key: fs.readFileSync(at(`${name}.key`), "utf8"), cert: fs.readFileSync(at(`${name}.pem`), "utf8") };
    };
    return {
      ca: fs.readFileSync(at("ca.pem"), "utf8"),
      valid: sign("valid", "127.0.0.1", ["-days", "1"]),
      expired: sign("expired", "127.0.0.1", ["-startdate", "20200101000000Z", "-enddate", "20200102000000Z"]),
      wrongHost: sign("wrong-host", "example.test", ["-days", "1"]),
    };
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
    // A success for any operation: an upload's file, a list's files.
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(
        '{"file":{"file_id":1000,"bytes":5,"created_at":1700000000,"filename":"a.txt","purpose":"t2a_async_input"},"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}',
      );
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

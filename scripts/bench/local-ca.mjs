// A certificate authority made for one benchmark run with the openssl command, and a server
// certificate it signed for 127.0.0.1: TLS as a client meets it, with nothing trusted for good.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

/** Writes ca.pem, server.key and server.pem into `dir`; returns their paths. */
export function makeLocalCa(dir) {
  const at = (name) => path.join(dir, name);
  const openssl = (...args) => execFileSync("openssl", args, { stdio: "ignore", cwd: dir });
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
    "/CN=bench CA",
  );
  openssl("req", "-new", ...EC_KEY, "-keyout", at("server.key"), "-out", at("server.csr"), "-subj", "/CN=127.0.0.1");
  fs.writeFileSync(at("server.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl(
    "x509",
    "-req",
    "-in",
    at("server.csr"),
    "-CA",
    at("ca.pem"),
    "-CAkey",
    at("ca.key"),
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    at("server.ext"),
    "-out",
    at("server.pem"),
  );
  return { ca: at("ca.pem"), key: at("server.key"), cert: at("server.pem") };
}

// A --require preload for child processes that must not use the network (the demo, spec:pull offline).
// Every outgoing connection, DNS lookup and UDP send made through Node's own modules (net, so http,
// https, tls and fetch too; dns; dgram) is logged to $NET_GUARD_LOG, and any that is not to
// loopback is refused. Logging the loopback ones shows the guard was in force.
export const NET_GUARD = String.raw`
const fs = require("node:fs");
const net = require("node:net");
const dns = require("node:dns");
const dgram = require("node:dgram");
const log = (line) => fs.appendFileSync(process.env.NET_GUARD_LOG, line + "\n");
const loopback = (host) => host === "localhost" || /^127\./.test(host) || host === "::1" || /^::ffff:127\./i.test(host);
const refuse = (what) => Object.assign(new Error("no network here: " + what), { code: "ENETUNREACH" });

function target(args) {
  const a = Array.isArray(args[0]) ? args[0] : args; // net passes its normalized [options, cb] inside
  const first = a[0];
  if (first && typeof first === "object") return first.path ? { path: String(first.path) } : { host: String(first.host ?? "localhost"), port: first.port };
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof a[1] === "string" ? a[1] : "localhost", port: first };
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const to = target(args);
  if (to.path !== undefined) return log("local " + to.path), connect.apply(this, args);
  if (loopback(to.host)) return log("loopback " + to.host + ":" + to.port), connect.apply(this, args);
  log("BLOCKED connect " + to.host + ":" + to.port);
  process.nextTick(() => this.destroy(refuse(to.host)));
  return this;
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (loopback(host)) return lookup.call(this, host, ...rest);
  log("BLOCKED lookup " + host);
  const callback = rest.at(-1);
  process.nextTick(() => callback(refuse(host)));
};
const promisedLookup = dns.promises.lookup;
dns.promises.lookup = async (host, ...rest) => {
  if (loopback(host)) return promisedLookup(host, ...rest);
  log("BLOCKED lookup " + host);
  throw refuse(host);
};
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
  log("BLOCKED udp send");
  throw refuse("udp");
};
`;

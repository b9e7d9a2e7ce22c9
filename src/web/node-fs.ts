// node:fs in the web build: nothing is an fs.ReadStream, and every call is the input error that
// names the runtime (a path upload, downloadTo). Node's own module is used everywhere else.
import { noFileSystem } from "./runtime";

/** Never constructed: `instanceof ReadStream` is false for every input. */
export class ReadStream {
  private constructor() {}
}

const refuse = (): never => {
  throw noFileSystem();
};
const refuseLater = () => Promise.reject(noFileSystem());

export const promises: Record<string, unknown> = new Proxy({}, { get: () => refuseLater });
export const constants = { W_OK: 2, R_OK: 4 };
export const openAsBlob = refuseLater;
const fs: Record<string, unknown> = new Proxy(
  { ReadStream, promises, constants, openAsBlob },
  { get: (target, name) => (name in target ? target[name as keyof typeof target] : refuse) },
);
export default fs;

// node:path in the web build: the few POSIX operations the client uses on names (a File's name,
// a URL's path). Paths on disk never get here: the web build has no file system (node-fs.ts).
const base = (p: string) => p.replace(/\/+$/, "").split("/").pop() ?? "";

export function basename(p: string, ext?: string): string {
  const name = base(p);
  return ext && name.endsWith(ext) ? name.slice(0, -ext.length) : name;
}

export function extname(p: string): string {
  const name = base(p);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot) : "";
}

export function dirname(p: string): string {
  const at = p.replace(/\/+$/, "").lastIndexOf("/");
  return at > 0 ? p.slice(0, at) : at === 0 ? "/" : ".";
}

export function join(...parts: string[]): string {
  return parts.filter(Boolean).join("/").replace(/\/+/g, "/");
}

export const resolve = join;
export const posix = { basename, extname, dirname, join, resolve };
export default { basename, extname, dirname, join, resolve, posix };

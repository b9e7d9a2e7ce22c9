// node:path in the web build: the POSIX names the client takes from a File's name or a URL path.
import path, { basename, dirname, extname, join } from "../../../src/web/node-path";

it.each([
  ["voice.mp3", "voice.mp3", ".mp3", "."],
  ["/a/b/voice.tar.gz", "voice.tar.gz", ".gz", "/a/b"],
  ["/a/b/", "b", "", "/a"],
  [".env", ".env", "", "."],
  ["/x", "x", "", "/"],
])("%s: basename %s, extname %s, dirname %s", (p, base, ext, dir) => {
  expect([basename(p), extname(p), dirname(p)]).toEqual([base, ext, dir]);
});

it("basename drops a given extension, join joins, and posix is the same", () => {
  expect(basename("a/voice.mp3", ".mp3")).toBe("voice");
  expect(join("a/", "/b", "c")).toBe("a/b/c");
  expect(path.posix.basename("/v1/files/x.mp4")).toBe("x.mp4");
});

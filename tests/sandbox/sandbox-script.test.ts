// scripts/sandbox.mjs (`npm run sandbox`): a port that is taken is one line with what to do, like
// `npm run mock`'s, not Node's bare listen error.
import net from "node:net";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

it("a port that is taken is one line naming it and what to do, and a non-zero exit", async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    const result = await runNode([path.join(ROOT, "scripts/sandbox.mjs"), "--port", String(port)], {
      cwd: ROOT,
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(1);
    const lines = (result.stdout + result.stderr)
      .split("\n")
      .filter((line) => line.trim() !== "" && !/^(building dist\/ …|dist\/ is up to date|built dist\/)/.test(line));
    expect(lines).toEqual([
      `sandbox: 127.0.0.1:${port} is already in use: stop what listens there, or pick another port with --port <n> (0: any free one)`,
    ]);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

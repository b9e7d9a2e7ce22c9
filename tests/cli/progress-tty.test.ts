// The progress bar in a real terminal: the built CLI runs in a tmux pane (a pseudo-terminal, so
// stderr is a TTY) and uploads to the sandbox through a proxy that throttles the upload, so the bar
// is redrawn many times. The pane is read as a person would see it (capture-pane renders the
// cursor moves), while the upload runs and once it is over. Every wait is bounded; the tmux server
// runs on its own socket and is killed afterwards.
import { execFile } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { startSandbox, type Sandbox } from "../../src/sandbox";
import { assertBuilt, CLI_BIN, scratchDir, waitFor } from "../helpers/cli";

const run = promisify(execFile);
const SOCKET = `minimax-cli-test-${process.pid}`;
const tmux = (...args: string[]) =>
  run("tmux", ["-L", SOCKET, "-f", "/dev/null", ...args], { env: { ...process.env, TERM: "xterm" }, timeout: 10_000 });
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

const FILE_BYTES = 24 * 1024 * 1024;
const PROXY_BYTES_PER_SECOND = 8 * 1024 * 1024; // about 3 s for the file: some 30 redraws at 10 per second

/** A TCP proxy to `target` that passes the client's bytes on at `bytesPerSecond` (answers unthrottled). */
async function throttlingProxy(target: URL, bytesPerSecond: number): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => (s === client ? upstream : client).destroy());
    }
    upstream.pipe(client);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      client.pause();
      setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
    client.on("end", () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let sandbox: Sandbox;
let proxy: Awaited<ReturnType<typeof throttlingProxy>>;
const dir = scratchDir("tty");
beforeAll(async () => {
  assertBuilt();
  await run("tmux", ["-V"]).catch((error: Error) => {
    throw new Error(`this test runs the CLI in a tmux pane, and tmux cannot be run (${error.message}): install tmux`);
  });
  sandbox = await startSandbox();
  proxy = await throttlingProxy(new URL(sandbox.url), PROXY_BYTES_PER_SECOND);
});
afterAll(async () => {
  await tmux("kill-server").catch(() => undefined); // none left running: fine
  await proxy.close();
  await sandbox.close();
});

/** Runs the CLI in a new tmux pane; gives every screen seen while it ran, the last one after it exited. */
async function inTerminal(
  args: string[],
  timeoutMs = 40_000,
  height = 40,
): Promise<{ screens: string[]; exit: number; history: string }> {
  const command = [process.execPath, CLI_BIN, ...args].map(quote).join(" ");
  const session = `s${Date.now()}`;
  // The pane stays after the CLI exits (sleep), so its last screen can be read; kill-server ends it.
  await tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "160",
    "-y",
    String(height),
    "-c",
    dir.path,
    `env MINIMAX_API_KEY=${quote(sandbox.apiKey)} ${command}; echo "[exit $?]"; sleep 600`,
  );
  const screens: string[] = [];
  let exit: number | undefined;
  let history = "";
  try {
    await waitFor(
      "the CLI to finish in tmux",
      async () => {
        const { stdout } = await tmux("capture-pane", "-p", "-t", session);
        screens.push(stdout);
        const ended = /\[exit (\d+)\]/.exec(stdout);
        if (ended) exit = Number(ended[1]);
        return ended !== null;
      },
      timeoutMs,
      50,
    );
    // Everything the pane showed, scrollback included.
    history = (await tmux("capture-pane", "-p", "-S", "-", "-t", session)).stdout;
  } finally {
    await tmux("kill-session", "-t", session).catch(() => undefined);
  }
  return { screens, exit: exit!, history };
}

const barLine = (screen: string, label: string) =>
  screen.split("\n").find((line) => line.startsWith(label) && line.includes("["));

it("draws a bar with bytes, rate and ETA that is redrawn as the upload goes and ends at 100 %", async () => {
  const file = dir.write("big.txt", Buffer.alloc(FILE_BYTES, "a"));
  const { screens, exit } = await inTerminal(["upload", file, "--purpose", "t2a_async_input", "--base-url", proxy.url]);
  expect(exit).toBe(0);

  const bars = screens.map((s) => barLine(s, "big.txt")).filter((l): l is string => l !== undefined);
  const percents = bars.map((l) => Number(/\] +(\d+)% \|/.exec(l)?.[1]));
  // Redrawn on the way: several values between 0 and 100, never going back.
  expect(new Set(percents.filter((p) => p > 0 && p < 100)).size).toBeGreaterThanOrEqual(3);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  const midway = bars.find((l) => /\] +[1-9]\d?% \|/.test(l))!;
  expect(midway).toMatch(
    /^big\.txt +\[=+-+\] +\d+% \| [\d.]+ [KMG]?i?B\/[\d.]+ MiB \| [\d.]+ [KMG]?i?B\/s \| ETA +(\d+s|--)$/,
  );

  // The final frame: the bar removed when the upload ended, its summary line, with the id the sandbox gave, in its place.
  const final = screens.at(-1)!;
  expect(final).not.toMatch(/\[[=-]+\]/);
  const id = sandbox.exchanges
    .filter((e) => e.operation === "uploadFile")
    .at(-1)!
    .response.body!.match(/"file_id":(\d+)/)![1];
  expect(final).toContain(`uploaded ${file}: file_id ${id} (24.0 MiB, t2a_async_input)`);
});

it("draws no bar with --json, even in a terminal: the screen holds the JSON document alone", async () => {
  const file = dir.write("small.txt", "small\n");
  const { screens, exit } = await inTerminal([
    "upload",
    file,
    "--purpose",
    "t2a_async_input",
    "--base-url",
    sandbox.url,
    "--json",
  ]);
  expect(exit).toBe(0);
  const final = screens.at(-1)!;
  const printed = final.slice(0, final.indexOf("[exit 0]")).trim();
  expect(JSON.parse(printed)).toEqual([
    { path: file, file: expect.objectContaining({ filename: path.basename(file) }) },
  ]);
  for (const screen of screens) expect(screen).not.toMatch(/\[[=-]+\]/);
});

it("a batch taller than the terminal: a bar is removed when its file is done and its summary line shows then, once", async () => {
  const files = Array.from({ length: 24 }, (_, i) =>
    dir.write(`batch-${String(i + 1).padStart(2, "0")}.txt`, Buffer.alloc(1024 * 1024, "b")),
  );
  const { screens, exit, history } = await inTerminal(
    ["upload", ...files, "--purpose", "t2a_async_input", "--base-url", proxy.url, "--concurrency", "3"],
    60_000,
    12,
  );
  expect(exit).toBe(0);
  // Never more bars than transfers at once, so they fit the 12-line pane.
  for (const screen of screens)
    expect(screen.split("\n").filter((l) => /\[[=-]+\]/.test(l)).length).toBeLessThanOrEqual(3);
  // Summary lines show while the batch still runs, not all at its end.
  expect(screens.some((s) => s.includes("uploaded ") && /\[[=-]+\]/.test(s))).toBe(true);
  // Scrollback: each summary line once, no bar left over.
  for (const file of files)
    expect(history.split("\n").filter((l) => l.startsWith(`uploaded ${file}:`))).toHaveLength(1);
  expect(history).not.toMatch(/\[[=-]+\]/);
}, 90_000);

// A URL whose connection is refused, for every test that needs "nothing answers".
//
// Closing a test server and reusing its port races with every other server the run starts: the
// kernel hands freed ephemeral ports out again, and a test then reached a live server instead of a
// refusal. Port 2 is outside the ephemeral range, so no `listen(0)` can take it, and it is not on the
// Fetch standard's bad-port list (port 1 is: fetch refuses it without connecting). The helper checks
// the refusal instead of trusting it.
import net from "node:net";

const REFUSED_PORT = 2;

/** `http://127.0.0.1:2`, after checking that a connection to it is refused. */
export async function refusedUrl(): Promise<string> {
  const code = await new Promise<string | undefined>((resolve) => {
    const socket = net.connect(REFUSED_PORT, "127.0.0.1");
    socket.setTimeout(2_000, () => (socket.destroy(), resolve("ETIMEDOUT")));
    socket.once("connect", () => (socket.destroy(), resolve(undefined)));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code));
  });
  if (code !== "ECONNREFUSED") {
    throw new Error(
      `tests need 127.0.0.1:${REFUSED_PORT} to refuse connections, but connecting gave ${code ?? "a connection"}`,
    );
  }
  return `http://127.0.0.1:${REFUSED_PORT}`;
}

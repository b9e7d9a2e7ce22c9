// A stand-in for the worst moment of an upload: the server stored the file, and the connection is
// lost before its answer arrives. A proxy on 127.0.0.1 in front of a real server (the sandbox):
// it forwards every request, and for the first `cuts` uploads it waits for the server's answer
// (so the file is stored) and then destroys the client's connection instead of passing it on.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CuttingProxy {
  url: string;
  /** Uploads still to cut; set it to change what the next uploads get. */
  cuts: number;
  /** Upload answers it withheld. */
  readonly withheld: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: string, cuts: number): Promise<CuttingProxy> {
  const state = { cuts, withheld: 0 };
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (req.url?.startsWith("/v1/files/upload") && state.cuts > 0) {
          state.cuts--;
          state.withheld++;
          answer.resume();
          answer.once("end", () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get cuts() {
      return state.cuts;
    },
    set cuts(n: number) {
      state.cuts = n;
    },
    get withheld() {
      return state.withheld;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

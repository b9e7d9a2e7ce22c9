// A sandbox behind a cutting proxy (tests/helpers/cutting-proxy.ts) for each test: the proxy
// cuts the first upload's answer after the sandbox stored it. `direct()` is a client that goes
// around the proxy, to see what was stored.
import { MiniMaxFiles } from "../../src";
import { startSandbox, type Sandbox } from "../../src/sandbox";
import { startCuttingProxy, type CuttingProxy } from "./cutting-proxy";

export function sandboxBehindCuttingProxy() {
  let sandbox: Sandbox;
  let proxy: CuttingProxy;
  beforeEach(async () => {
    sandbox = await startSandbox({ validate: false });
    proxy = await startCuttingProxy(sandbox.url, 1);
  });
  afterEach(async () => {
    await proxy.close();
    await sandbox.close();
  });
  return {
    sandbox: () => sandbox,
    proxy: () => proxy,
    direct: () => new MiniMaxFiles({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
  };
}

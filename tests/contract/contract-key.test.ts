// The contract script sends MINIMAX_API_KEY to MiniMax's own hosts only: never to a sandbox, a
// proxy or any other URL given as --target (scripts/lib/contract-key.cjs).
type ContractKey = (target: string | undefined, given: string | undefined, env: NodeJS.ProcessEnv) => string | undefined;
const { contractKey } = require("../../scripts/lib/contract-key.cjs") as { contractKey: ContractKey };

const env = { MINIMAX_API_KEY: "sk-real-key" };

it.each(["https://api.minimax.io", "https://api.minimaxi.com/"])("takes MINIMAX_API_KEY for MiniMax's host %s", (target) => {
  expect(contractKey(target, undefined, env)).toBe("sk-real-key");
});

it.each(["http://127.0.0.1:4011", "https://api.minimax.io.example.com", "https://evil.example/api.minimax.io"])("does not send MINIMAX_API_KEY to %s", (target) => {
  expect(contractKey(target, undefined, env)).toBeUndefined();
});

it("uses no environment key for the Prism mock, and a --key as given anywhere", () => {
  expect(contractKey(undefined, undefined, env)).toBeUndefined();
  expect(contractKey("http://127.0.0.1:4011", "sandbox-key", env)).toBe("sandbox-key");
});

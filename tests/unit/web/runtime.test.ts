// The web build's runtime name, as its errors say it, from the globals each runtime has.
import { MiniMaxInputError } from "../../../src/errors";
import { noFileSystem, runtimeName } from "../../../src/web/runtime";

const g = globalThis as Record<string, unknown>;
afterEach(() => {
  delete g["EdgeRuntime"];
  delete g["window"];
  delete g["document"];
});

it("names an edge runtime, a browser, or neither", () => {
  expect(runtimeName()).toBe("this runtime (no Node.js file system)");
  g["EdgeRuntime"] = "edge-runtime";
  expect(runtimeName()).toBe("an edge runtime (edge-runtime)");
  delete g["EdgeRuntime"];
  g["window"] = {};
  g["document"] = {};
  expect(runtimeName()).toBe("a browser");
});

it("a path where there is no file system is an input error that says what to pass instead", () => {
  g["EdgeRuntime"] = "edge-runtime";
  const error = noFileSystem();
  expect(error).toBeInstanceOf(MiniMaxInputError);
  expect(error.message).toMatch(
    /^an edge runtime \(edge-runtime\) has no file system.*upload a Blob, a File, bytes or a ReadableStream.*retrieveContent/,
  );
});

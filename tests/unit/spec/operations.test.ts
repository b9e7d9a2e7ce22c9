// Operation names as errors give them, from the spec's operationIds.
import { operationOf } from "../../../src/spec/operations";
import { OPERATIONS } from "../../../src/spec/values";

it("names each of the spec's operations by its operationId", () => {
  expect(operationOf("POST", "/v1/files/upload")).toBe("uploadFile");
  expect(operationOf("GET", "/v1/files/retrieve_content")).toBe("retrieveFileContent");
  for (const [route, name] of Object.entries(OPERATIONS)) {
    const [method, path] = route.split(" ") as [string, string];
    expect(operationOf(method, path)).toBe(name);
  }
});

it("names anything else by its method and path", () => {
  expect(operationOf("DELETE", "/v1/files/upload")).toBe("DELETE /v1/files/upload");
});

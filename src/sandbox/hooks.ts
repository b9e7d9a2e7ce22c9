// The test hooks' types, apart from the code that calls them: the sandbox's declarations import
// them, and a module with no Node import keeps minimax-files/sandbox's types loadable in a project
// without @types/node.

/** For the sandbox's own tests: a way to break the answers on purpose. Not part of the public API. */
export interface SandboxHooks {
  /** Called with each JSON body before it is written; what it returns is written instead. */
  transformResponse?: (operation: string, body: Record<string, unknown>) => unknown;
  /**
   * Called with the status and headers of each answer to a documented operation, JSON or file
   * bytes, after transformResponse; what it returns is written (and recorded) instead. The body is
   * sent as it is, so a hook that changes its length must change content-length to match.
   */
  transformHead?: (operation: string, head: SandboxHead) => SandboxHead;
}

/** An answer's status and headers, as transformHead sees and returns them. */
export interface SandboxHead {
  status: number;
  headers: Record<string, string | number>;
}

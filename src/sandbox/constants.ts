// The sandbox's public constants, in a module with no Node import: minimax-files/sandbox's
// declarations re-export them, and must load in a project without @types/node.

/** The key the sandbox takes unless it is given another. */
export const DEFAULT_SANDBOX_KEY = "sandbox-key";

/** The first id handed out: 2^53 + 1, the smallest integer a JS number cannot hold. */
export const FIRST_FILE_ID = 2n ** 53n + 1n;

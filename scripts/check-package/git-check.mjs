// check-package "git install": both entry points, imported from a package npm built from a git clone.
import { MiniMaxFiles } from "minimax-files";
import { startSandbox } from "minimax-files/sandbox";
if (typeof MiniMaxFiles !== "function" || typeof startSandbox !== "function") process.exit(1);

// check-package "git install": the client, required from a package npm built from a git clone.
const { MiniMaxFiles } = require("minimax-files");
if (typeof MiniMaxFiles !== "function") process.exit(1);

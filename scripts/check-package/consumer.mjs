// check-package "import (ESM)": the installed package imported, checked against require's copy.
import { createRequire } from "node:module";
import * as client from "minimax-files";
import * as sandbox from "minimax-files/sandbox";
import bothWays from "./both-ways.cjs";

const require = createRequire(import.meta.url);
const own = { client, sandbox };
const other = async () => ({ client: require("minimax-files"), sandbox: require("minimax-files/sandbox") });
other()
  .then((them) => bothWays(own, them, "esm"))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

// check-package "require (CommonJS)": the installed package required, checked against import's copy.
const bothWays = require("./both-ways.cjs");

const own = { client: require("minimax-files"), sandbox: require("minimax-files/sandbox") };
const other = async () => ({ client: await import("minimax-files"), sandbox: await import("minimax-files/sandbox") });
other()
  .then((them) => bothWays(own, them, "cjs"))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

// require() of the package, and the lifecycle (an ES module) loaded with import().
import("./lifecycle.mjs").then(async ({ lifecycle }) => {
  const result = await lifecycle({
    runtime: `node ${process.version} (CJS)`,
    load: async () => require("minimax-files"),
  });
  console.log(JSON.stringify(result));
});

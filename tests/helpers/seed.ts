// fast-check runs with a fixed seed so a failure reproduces; FC_SEED overrides it to explore.
import fc from "fast-check";

export const SEED = Number(process.env["FC_SEED"] ?? 20261126);
fc.configureGlobal({ seed: SEED, numRuns: 300 });

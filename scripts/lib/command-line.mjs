// The command line of this repository's scripts (mock, sandbox, contract, test:live): node's
// parseArgs, with what each of them needs around it: an unknown or malformed option is one line
// and exit 2, `--help` prints the usage and exits 0, a port is 0-65535.
import { parseArgs } from "node:util";

/**
 * The parsed options (`--help` added); exits 2 naming a bad option, 0 after printing `usage` for
 * --help. With `positionals`, returns `{ values, positionals }` instead of the values alone.
 */
export function parseCommandLine(name, usage, options, positionals = false) {
  let values;
  let given;
  try {
    ({ values, positionals: given } = parseArgs({
      options: { ...options, help: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: positionals,
    }));
  } catch (error) {
    console.error(`${name}: ${String(error.message).split("\n")[0]} (see --help)`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return positionals ? { values, positionals: given } : values;
}

/** `--port`'s value as a number; exits 2 when it is not 0-65535. */
export function portOption(name, value) {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    console.error(`${name}: --port must be 0-65535, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return port;
}

/** The one line for a port someone else listens on. */
export const portInUse = (name, address) =>
  `${name}: ${address} is already in use: stop what listens there, or pick another port with --port <n> (0: any free one)`;

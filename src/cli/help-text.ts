// The prose of `minimax-files --help`: static text (never redacted), kept apart from the parser.
import { exitCodesHelp } from "./exit-codes";

export const PROGRAM = "minimax-files";

export const MOCK_HELP = `--mock starts the sandbox (a local test double of MiniMax's file API, not MiniMax) inside
this one command and stops it when the command ends: \`upload --mock\` uploads, prints the id and
exits, and the next command starts with an empty sandbox. To keep files across commands, run one
(\`npm run sandbox\` in this repository, or startSandbox() from minimax-files/sandbox) and pass
--base-url http://127.0.0.1:4011 --api-key sandbox-key.`;

export const NOTES = `
File ids are int64 and printed as exact decimal strings (also in --json).
Progress bars (bytes, rate, ETA) are drawn on stderr when it is a terminal and --json is off.
Rate limits, 5xx and lost connections are retried by the client (--max-retries). An upload is
re-sent whole only when MiniMax said it did not process it (HTTP 408, 429, 503; codes 1002, 1039,
1041, 2045) or the connection failed before any byte was sent. Ctrl-C (SIGTERM, SIGHUP) cancels
the transfers in flight and starts no more.

${MOCK_HELP}

Examples:
  export MINIMAX_API_KEY=...            # from platform.minimax.io (global) or platform.minimaxi.com (cn)
  ${PROGRAM} upload a.txt b.zip --purpose t2a_async_input
  ${PROGRAM} list --purpose t2a_async_input --json
  ${PROGRAM} download 302892389810432 -o copy.txt
  ${PROGRAM} upload voice.mp3 --purpose voice_clone --mock

${exitCodesHelp()}
`;

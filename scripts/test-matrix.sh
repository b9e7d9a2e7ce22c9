#!/usr/bin/env sh
# npm run test:matrix [-- 22 24]: `npm test` on each Node major given (default 22 and 24, the LTS
# lines most users run), with Node from the npm registry's `node` package, after the machine's own
# Node has run it. Stops at the first version that fails, naming it.
set -eu
versions="${*:-22 24}"
for version in $versions; do
  echo "== npm test on Node ${version}"
  if ! npx -y -p "node@${version}" sh -c 'node --version && npm test'; then
    echo "test:matrix: npm test failed on Node ${version}" >&2
    exit 1
  fi
done

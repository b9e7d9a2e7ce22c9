#!/usr/bin/env bash
# Temporary folders the suite makes (minimax-*, contract-*) must be gone when it ends.
#   .ci/leftover-temp.sh snapshot FILE   record the ones that exist before the run
#   .ci/leftover-temp.sh check FILE      exit 1 naming any made since that is still there
set -euo pipefail
tmp="${TMPDIR:-/tmp}"
list() { find "$tmp" -maxdepth 1 \( -name 'minimax-*' -o -name 'contract-*' \) -print | sort; }
case "${1:-}" in
  snapshot) list > "$2" ;;
  check)
    left=$(list | comm -13 "$2" -)
    if [ -n "$left" ]; then
      echo "temporary folders outlived the run:" >&2
      echo "$left" >&2
      exit 1
    fi
    echo "no temporary folder left behind"
    ;;
  *) echo "usage: $0 snapshot|check FILE" >&2; exit 2 ;;
esac

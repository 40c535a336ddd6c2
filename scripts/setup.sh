#!/usr/bin/env bash
# `npm run setup`: installs everything the project needs. Idempotent, and quick (a second or two)
# when everything is already in place, so `npm test` and `npm start` run it every time.
#   1. Debian packages (scripts/setup-apt.sh)
#   2. npm packages, pinned by package-lock.json (only when node_modules is missing or stale)
#   3. libsodium for wasm, built once from Debian's source package (scripts/libsodium-wasm.sh)
# usage: scripts/setup.sh [apt] [npm] [libsodium]   (no argument: all three, in that order; `npm
# start` runs apt first, then npm in the background while it builds, and leaves libsodium to
# `build.sh modules`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

steps=()
for a in "$@"; do
  case "$a" in
    apt|npm|libsodium) steps+=("$a") ;;
    *) echo "setup: unknown step $a (apt, npm, libsodium)" >&2; exit 2 ;;
  esac
done
[ ${#steps[@]} -gt 0 ] || steps=(apt npm libsodium)
wants() { [[ " ${steps[*]} " == *" $1 "* ]]; }

t0=$(date +%s)
if wants apt; then bash scripts/setup-apt.sh; fi

# node_modules is current when it was installed from exactly this package.json + lockfile.
stamp=node_modules/.isimport-setup-stamp
want="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1) node-$(node --version)"
if wants npm && { [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; }; then
  if [ -f package-lock.json ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund
  else
    echo "setup: npm install"
    npm install --no-audit --no-fund
    want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) node-$(node --version)"
  fi
  echo "$want" >"$stamp"
fi

if wants libsodium; then bash scripts/libsodium-wasm.sh; fi

t=$(( $(date +%s) - t0 ))
[ "$t" -lt 5 ] || echo "setup: done in ${t} s"

#!/usr/bin/env bash
# `npm run setup`: installs everything the project needs. Idempotent, and quick (a second or two)
# when everything is already in place, so `npm test` and `npm start` run it every time.
#   1. Debian packages (scripts/setup-apt.sh)
#   2. npm packages, pinned by package-lock.json (only when node_modules is missing or stale)
#   3. libsodium for wasm, built once from Debian's source package (scripts/libsodium-wasm.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

t0=$(date +%s)
bash scripts/setup-apt.sh

# node_modules is current when it was installed from exactly this package.json + lockfile.
stamp=node_modules/.isimport-setup-stamp
want="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1) node-$(node --version)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
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

bash scripts/libsodium-wasm.sh

t=$(( $(date +%s) - t0 ))
[ "$t" -lt 5 ] || echo "setup: done in ${t} s"

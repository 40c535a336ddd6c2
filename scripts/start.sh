#!/usr/bin/env bash
# `npm start`: set-up, build, then a first demo: decodes the example ImageStreamImport(s) in
# examples/ through the JS API and prints the results.
# Later: starts the local registry (docker-registry) and the Vite dev server with its proxy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/build.sh
echo
exec node scripts/demo.mjs "$@"

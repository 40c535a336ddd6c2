#!/usr/bin/env bash
# `npm run build`: builds everything; incremental (make + ccache) when run again.
#   1. native core + GoogleTest binaries  -> build/native
#   2. wasm core (Emscripten)             -> web/lib/wasm/isimport_{validation,import}.{mjs,wasm}
#   3. the static site (Vite)             -> dist/ (index.html, isimport-element.js, embed.html)
# Expects `npm run setup` to have run (npm test / npm start run it first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JOBS="${JOBS:-$(nproc)}"
# Paths inside the checkout hash as relative ones, so a second clone (CI's) hits the same cache.
export CCACHE_BASEDIR="$PWD"
# Emscripten's node tools need acorn & co. from Debian's node modules.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

step() { echo "build: $*"; }

# 1. Native build (tests, schema generator).
step "native (build/native)"
if [ ! -f build/native/Makefile ]; then
  cmake -S . -B build/native -G 'Unix Makefiles' -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/native -j"$JOBS"

# 2. wasm build. Re-running cmake is needed only the first time (the build re-runs it itself when
# CMakeLists.txt or the globbed source lists change).
step "wasm (build/wasm -> web/lib/wasm)"
if [ ! -f build/wasm/Makefile ]; then
  [ -f build/libsodium-wasm/lib/libsodium.a ] || bash scripts/libsodium-wasm.sh
  emcmake cmake -S . -B build/wasm -G 'Unix Makefiles' -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/wasm -j"$JOBS"

# 3. The static site (web/app/vite.config.js).
step "site (web/app -> dist)"
node_modules/.bin/vite build --config web/app/vite.config.js --logLevel warn

step "done"

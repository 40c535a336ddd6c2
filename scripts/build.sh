#!/usr/bin/env bash
# `npm run build`: builds everything; incremental (make + ccache) when run again.
#
# usage: scripts/build.sh [--plan] [TARGET…]        (no target: native wasm site cli, in that order)
#   native    native core + GoogleTest binaries, bench and schema tools -> build/native (npm test's)
#   wasm      every module of build/wasm: the two below and their checked builds (npm test's)
#   modules   only the two modules the library, CLI and page load (what `npm start` needs):
#             web/lib/wasm/isimport_{validation,import}.{mjs,wasm}; libsodium for wasm is built
#             first if missing, while the validation module (which needs none) compiles
#   site      the static site (Vite) -> dist/ (index.html, isimport-element.js, embed.html); it
#             bundles the modules, so it comes after them
#   cli       isimport validate's path as one module (web/cli/bundle.mjs -> web/cli/bundle/), which
#             the bin runs instead of the sources while it is current
#   --plan    print what would be built (one line per step: the step, then its CMake targets) and
#             build nothing
# Each step says what it builds and how long it took. Expects `npm run setup` to have run (npm
# test / npm start run it first; `site` needs node_modules).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

plan=
targets=()
for a in "$@"; do
  case "$a" in
    --plan) plan=1 ;;
    native|wasm|modules|site|cli) targets+=("$a") ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build: unknown target $a (native, wasm, modules, site, cli)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(native wasm site cli)

# The CMake target of build/wasm that `modules` builds: CMakeLists.txt's isimport_modules, the two
# shipped modules (one target, so that one make builds both side by side).
MODULE_TARGETS=(isimport_modules)

if [ -n "$plan" ]; then
  for t in "${targets[@]}"; do
    case "$t" in
      native) echo "native all" ;;
      wasm) echo "wasm all" ;;
      modules) echo "modules ${MODULE_TARGETS[*]}" ;;
      site) echo "site vite" ;;
      cli) echo "cli bundle" ;;
    esac
  done
  exit 0
fi

JOBS="${JOBS:-$(nproc)}"
# Paths inside the checkout hash as relative ones, so a second clone (CI's) hits the same cache.
export CCACHE_BASEDIR="$PWD"
# Emscripten's node tools need acorn & co. from Debian's node modules.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
# Debian's emcc/em++ run "${EMSDK_PYTHON:-python3}": Debian's own Python, not whatever python3 the
# PATH finds first (a pyenv shim doubles the ~0.4 s each compile spends starting Python).
[ -n "${EMSDK_PYTHON:-}" ] || [ ! -x /usr/bin/python3 ] || export EMSDK_PYTHON=/usr/bin/python3

now_us() { local t=${EPOCHREALTIME//[.,]/}; echo "${t#0}"; }
seconds_since() { local us=$(( $(now_us) - $1 )); printf '%d.%d' $((us / 1000000)) $((us / 100000 % 10)); }
step_start=
step() { echo "build: $1 …"; step_name=$1; step_start=$(now_us); }
step_done() { echo "build: $step_name done in $(seconds_since "$step_start") s"; }

configure_wasm() { # once; after that the build re-runs cmake itself when CMakeLists.txt changes,
  # but only on its way to a target it already knows: asked for one CMakeLists.txt has just
  # added (isimport_modules), make would stop first. Bringing the build files up to date first is
  # quick when they are.
  if [ -f build/wasm/Makefile ]; then
    cmake --build build/wasm --target cmake_check_build_system >/dev/null
  else
    emcmake cmake -S . -B build/wasm -G 'Unix Makefiles' -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
}

# libsodium for wasm (the import module links it; scripts/libsodium-wasm.sh exits at once when it
# is there). When missing, it builds in the background while the validation module compiles.
sodium_pid=
sodium_start() {
  [ ! -f build/libsodium-wasm/lib/libsodium.a ] || return 0
  echo "build: libsodium for wasm (build/libsodium-wasm), alongside"
  bash scripts/libsodium-wasm.sh &
  sodium_pid=$!
}
sodium_wait() {
  [ -n "$sodium_pid" ] || return 0
  wait "$sodium_pid" || { echo "build: libsodium for wasm failed" >&2; exit 1; }
  sodium_pid=
}

for t in "${targets[@]}"; do
  case "$t" in
    native)
      step "native (build/native: core, GoogleTest binaries, tools)"
      if [ ! -f build/native/Makefile ]; then
        cmake -S . -B build/native -G 'Unix Makefiles' -DCMAKE_BUILD_TYPE=Release >/dev/null
      fi
      cmake --build build/native -j"$JOBS"
      step_done
      ;;
    wasm|modules)
      if [ "$t" = wasm ]; then
        step "wasm (build/wasm -> web/lib/wasm, and the checked modules)"
        build_targets=()
      else
        step "wasm modules (build/wasm -> web/lib/wasm: ${MODULE_TARGETS[*]})"
        build_targets=(--target "${MODULE_TARGETS[@]}")
      fi
      sodium_start
      configure_wasm
      if [ -n "$sodium_pid" ]; then
        cmake --build build/wasm -j"$JOBS" --target isimport_validation_module
        sodium_wait
      fi
      cmake --build build/wasm -j"$JOBS" ${build_targets[@]+"${build_targets[@]}"}
      step_done
      ;;
    site)
      step "site (web/app -> dist)"
      node_modules/.bin/vite build --config web/app/vite.config.js --logLevel warn
      step_done
      ;;
    cli)
      step "CLI bundle (web/cli/bundle/validate.mjs)"
      node web/cli/bundle.mjs
      step_done
      ;;
  esac
done

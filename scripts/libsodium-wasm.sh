#!/usr/bin/env bash
# Builds libsodium for wasm (Emscripten) from Debian's own source package, once.
#
# Result: build/libsodium-wasm/{include,lib/libsodium.a}, used by CMakeLists.txt's wasm build.
# Cached: when build/libsodium-wasm/lib/libsodium.a exists this exits at once. The install is staged
# and moved into place last, so an interrupted build never leaves a half-installed prefix behind.
#
# Needs (scripts/setup-apt.sh installs them): a deb-src line, dpkg-dev, autoconf, automake, libtool,
# emscripten. Note: sodium_init() fails under Node in a web-targeted build ("No secure random number
# generator found"); the core only hashes and never calls it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/build/libsodium-wasm"

[ -f "$PREFIX/lib/libsodium.a" ] && exit 0

mkdir -p "$ROOT/build"
# One build at a time (two shells running setup at once would race on the prefix).
exec 9>"$ROOT/build/.libsodium-wasm.lock"
flock 9
[ -f "$PREFIX/lib/libsodium.a" ] && exit 0

# Emscripten's node tools need acorn & co. from Debian's node modules.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
# libsodium's autogen.sh would download config.guess/config.sub; automake's own copies know
# wasm32-unknown-emscripten, and this machine has no network beyond the package registries.
export DO_NOT_UPDATE_CONFIG_SCRIPTS=1

start=$(date +%s)
WORK="$(mktemp -d "$ROOT/build/libsodium-src.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

echo "libsodium-wasm: fetching Debian's libsodium source package"
if ! apt-get source -qq libsodium >apt-source.log 2>&1; then
  # The deb-src line may be there without its index yet (e.g. an interrupted setup): update once.
  echo "libsodium-wasm: apt-get source failed; running apt-get update and retrying"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  apt-get source -qq libsodium >apt-source.log 2>&1 || { cat apt-source.log >&2; exit 1; }
fi
SRC="$(find . -maxdepth 1 -type d -name 'libsodium-*' | head -n1)"
[ -n "$SRC" ] || { echo "libsodium-wasm: no source tree after apt-get source" >&2; cat apt-source.log >&2; exit 1; }
cd "$SRC"
echo "libsodium-wasm: building $(basename "$SRC") for wasm32-unknown-emscripten"

log="$WORK/build.log"
run() { "$@" >>"$log" 2>&1 || { echo "libsodium-wasm: failed: $*" >&2; tail -n 60 "$log" >&2; exit 1; }; }

run ./autogen.sh -s
run emconfigure ./configure \
  --host=wasm32-unknown-emscripten \
  --enable-minimal --disable-asm --disable-ssp --without-pthreads \
  --disable-shared --enable-static \
  --prefix="$PREFIX" \
  CFLAGS="-O2"
run emmake make -j"$(nproc)"

STAGE="$WORK/stage"
run emmake make install DESTDIR="$STAGE"
[ -f "$STAGE$PREFIX/lib/libsodium.a" ] || { echo "libsodium-wasm: install produced no libsodium.a" >&2; exit 1; }
rm -rf "$PREFIX"
mv "$STAGE$PREFIX" "$PREFIX"

echo "libsodium-wasm: done in $(( $(date +%s) - start )) s -> ${PREFIX#"$ROOT"/}"

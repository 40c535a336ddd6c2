#!/usr/bin/env bash
# Builds libsodium for wasm (Emscripten) from Debian's own source package, once.
#
# Result: build/libsodium-wasm/{include,lib/libsodium.a}, used by CMakeLists.txt's wasm build.
# Cached: when build/libsodium-wasm/lib/libsodium.a exists this exits at once. The install is staged
# and moved into place last, so an interrupted build never leaves a half-installed prefix behind.
#
# No autotools: libsodium's `emconfigure ./configure` runs some 160 checks, each an emcc compile or
# link (~1-2 s of CPU apiece), and took longer than everything else `npm start` does. The answers
# are fixed for this pair (Debian bookworm's libsodium 1.0.18 and Emscripten 3.1.6), so they are
# written here: the defines configure settles on for `--host=wasm32-unknown-emscripten
# --enable-minimal --disable-asm --disable-ssp --without-pthreads --disable-shared CFLAGS=-O2`
# (its DEFS and CFLAGS lines), and the sources are read from src/libsodium/Makefile.am with its
# conditionals decided as that configure decides them. The library is the one configure + make
# build, object for object.
#
# Needs (scripts/setup-apt.sh installs them): a deb-src line, dpkg-dev, emscripten. Note:
# sodium_init() fails under Node in a web-targeted build ("No secure random number generator
# found"); the core only hashes and never calls it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/build/libsodium-wasm"
JOBS="${JOBS:-$(nproc)}"

# The sources of libsodium.la and of the SIMD helper libraries it absorbs (empty for wasm, but
# they hold e.g. the aes256gcm entry points), with Makefile.am's conditionals as configure decides
# them for this target: no 128-bit integer mode, no x86-64 assembly, minimal, Emscripten.
makefile_am_sources() { # makefile_am_sources FILE
  awk -v want='libsodium_la_SOURCES libaesni_la_SOURCES libsse2_la_SOURCES libssse3_la_SOURCES libsse41_la_SOURCES libavx2_la_SOURCES libavx512f_la_SOURCES' \
    -v truth='HAVE_TI_MODE=0 HAVE_AMD64_ASM=0 HAVE_AVX_ASM=0 MINIMAL=1 EMSCRIPTEN=1 HAVE_LD_OUTPUT_DEF=0' '
    BEGIN {
      n = split(want, w, " "); for (i = 1; i <= n; i++) W[w[i]] = 1
      n = split(truth, t, " "); for (i = 1; i <= n; i++) { split(t[i], kv, "="); T[kv[1]] = kv[2] + 0 }
      depth = 0; active[0] = 1
    }
    /^if / {
      c = $2; neg = sub(/^!/, "", c)
      if (!(c in T)) { print "libsodium-wasm: Makefile.am has a conditional this script does not know: " c > "/dev/stderr"; bad = 1; exit 3 }
      v = neg ? !T[c] : T[c]; depth++; cond[depth] = v; active[depth] = active[depth - 1] && v; next
    }
    /^else/ { active[depth] = active[depth - 1] && !cond[depth]; next }
    /^endif/ { depth--; next }
    {
      line = $0
      if (!cont) {
        var = ""
        if (line !~ /^[A-Za-z0-9_]+[ \t]*\+?=/) next
        name = line; sub(/[ \t]*\+?=.*/, "", name); sub(/^[^=]*=/, "", line)
        if (name in W) var = name
      }
      cont = (line ~ /\\[ \t]*$/)
      if (var == "" || !active[depth]) next
      n = split(line, f, /[ \t\\]+/)
      for (i = 1; i <= n; i++) if (f[i] ~ /\.c$/) print f[i]
    }
    END { if (bad) exit 3 }' "$1"
}

if [ "${1:-}" = --print-sources ]; then # for the tests: the sources read from a Makefile.am
  makefile_am_sources "$2"
  exit 0
fi

[ -f "$PREFIX/lib/libsodium.a" ] && exit 0

mkdir -p "$ROOT/build"
# One build at a time (two shells running setup at once would race on the prefix).
exec 9>"$ROOT/build/.libsodium-wasm.lock"
flock 9
[ -f "$PREFIX/lib/libsodium.a" ] && exit 0

# Emscripten's node tools need acorn & co. from Debian's node modules.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
# Debian's emcc/em++ run "${EMSDK_PYTHON:-python3}": Debian's own Python, not whatever python3 the
# PATH finds first (a pyenv shim doubles the ~0.4 s each compile spends starting Python).
[ -n "${EMSDK_PYTHON:-}" ] || [ ! -x /usr/bin/python3 ] || export EMSDK_PYTHON=/usr/bin/python3

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
SRC="$WORK/${SRC#./}"
version=$(sed -nE 's/^AC_INIT\(\[libsodium\],\[([0-9.]+)\].*/\1/p' "$SRC/configure.ac")
case "$version" in
  1.0.18) ;;
  *) echo "libsodium-wasm: Debian's libsodium is $version; the configure answers here are 1.0.18's: check them (see the top of this script)" >&2; exit 1 ;;
esac
echo "libsodium-wasm: building $(basename "$SRC") for wasm32-unknown-emscripten (minimal, $JOBS jobs)"

lib="$SRC/src/libsodium"
sources=$(makefile_am_sources "$lib/Makefile.am")
count=$(wc -w <<<"$sources")
[ "$count" -gt 50 ] || { echo "libsodium-wasm: only $count sources read from Makefile.am" >&2; exit 1; }

# configure's DEFS and CFLAGS for that configure line (its hardening checks add the -f flags).
DEFS='-DMINIMAL=1 -DHAVE_STDIO_H=1 -DHAVE_STDLIB_H=1 -DHAVE_STRING_H=1 -DHAVE_INTTYPES_H=1
-DHAVE_STDINT_H=1 -DHAVE_STRINGS_H=1 -DHAVE_SYS_STAT_H=1 -DHAVE_SYS_TYPES_H=1 -DHAVE_UNISTD_H=1
-DHAVE_WCHAR_H=1 -DSTDC_HEADERS=1 -D_ALL_SOURCE=1 -D_DARWIN_C_SOURCE=1 -D_GNU_SOURCE=1
-D_HPUX_ALT_XOPEN_SOCKET_API=1 -D_NETBSD_SOURCE=1 -D_OPENBSD_SOURCE=1 -D_POSIX_PTHREAD_SEMANTICS=1
-D__STDC_WANT_IEC_60559_ATTRIBS_EXT__=1 -D__STDC_WANT_IEC_60559_BFP_EXT__=1
-D__STDC_WANT_IEC_60559_DFP_EXT__=1 -D__STDC_WANT_IEC_60559_FUNCS_EXT__=1
-D__STDC_WANT_IEC_60559_TYPES_EXT__=1 -D__STDC_WANT_LIB_EXT2__=1 -D__STDC_WANT_MATH_SPEC_FUNCS__=1
-D_TANDEM_SOURCE=1 -D__EXTENSIONS__=1 -DHAVE_C_VARARRAYS=1 -DHAVE_DLFCN_H=1 -DHAVE_SYS_MMAN_H=1
-DHAVE_SYS_RANDOM_H=1 -DNATIVE_LITTLE_ENDIAN=1 -DHAVE_INLINE_ASM=1 -DHAVE_ATOMIC_OPS=1
-DHAVE_ALLOCA_H=1 -DHAVE_ALLOCA=1 -DHAVE_POSIX_MEMALIGN=1 -DHAVE_GETPID=1 -DHAVE_NANOSLEEP=1
-DHAVE_EXPLICIT_BZERO=1 -DCONFIGURED=1 -D_FORTIFY_SOURCE=2'
CFLAGS='-O2 -fvisibility=hidden -fPIC -fPIE -fno-strict-aliasing -fno-strict-overflow'

# version.h, as configure writes it from version.h.in.
major=$(sed -nE 's/^SODIUM_LIBRARY_VERSION_MAJOR=([0-9]+).*/\1/p' "$SRC/configure.ac")
minor=$(sed -nE 's/^SODIUM_LIBRARY_VERSION_MINOR=([0-9]+).*/\1/p' "$SRC/configure.ac")
sed -e "s/@VERSION@/$version/" -e "s/@SODIUM_LIBRARY_VERSION_MAJOR@/$major/" \
  -e "s/@SODIUM_LIBRARY_VERSION_MINOR@/$minor/" -e 's/@SODIUM_LIBRARY_MINIMAL_DEF@/#define SODIUM_LIBRARY_MINIMAL 1/' \
  "$lib/include/sodium/version.h.in" >"$lib/include/sodium/version.h"

# `emcc -c` is Emscripten's clang with the flags `emcc --cflags` prints, behind ~0.5 s of Python
# start-up per file: the compiles call that clang with those flags themselves (the same objects,
# byte for byte). One make rule per object, so that make -j runs them side by side and stops at the
# first failure.
CC="$(em-config LLVM_ROOT)/clang"
EMFLAGS=$(emcc --cflags)
log="$WORK/build.log"
{
  printf 'CC := %s\nFLAGS := %s %s %s -I. -Iinclude/sodium\nOBJS :=' "$CC" "$EMFLAGS" "$(tr '\n' ' ' <<<"$DEFS")" "$CFLAGS"
  for s in $sources; do printf ' obj/%s.o' "${s//\//_}"; done
  printf '\n\nlibsodium.a: $(OBJS)\n\temar crs $@ $^\n\n'
  for s in $sources; do printf 'obj/%s.o: %s\n\t@mkdir -p obj\n\t$(CC) $(FLAGS) -c $< -o $@\n' "${s//\//_}" "$s"; done
} >"$lib/wasm.mk"
if ! make -C "$lib" -f wasm.mk -j"$JOBS" libsodium.a >"$log" 2>&1; then
  echo "libsodium-wasm: failed:" >&2
  tail -n 60 "$log" >&2
  exit 1
fi

STAGE="$WORK/stage"
mkdir -p "$STAGE/lib" "$STAGE/include/sodium"
cp "$lib/libsodium.a" "$STAGE/lib/"
# The installed headers: include/Makefile.am's SODIUM_EXPORT (sodium.h and sodium/*.h, not private/).
cp "$lib/include/sodium.h" "$STAGE/include/"
cp "$lib"/include/sodium/*.h "$STAGE/include/sodium/"
rm -rf "$PREFIX"
mv "$STAGE" "$PREFIX"

echo "libsodium-wasm: done in $(( $(date +%s) - start )) s -> ${PREFIX#"$ROOT"/}"

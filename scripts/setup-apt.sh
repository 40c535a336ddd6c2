#!/usr/bin/env bash
# Installs the Debian packages isimport needs. Idempotent: does nothing when all are present.
# usage: scripts/setup-apt.sh [start]   start: only what `npm start` needs (the wasm build, the
#        libsodium source package, the demo registry); no argument: everything (npm test's too)
#        scripts/setup-apt.sh --print-packages [start]   the list, for the tests
set -euo pipefail

# npm start: the wasm modules (Emscripten, CMake, make; ccache when rebuilding), libsodium's source
# package (dpkg-dev), the demo registry and its images and signatures.
start_packages=(
  cmake make ccache
  emscripten
  dpkg-dev
  docker-registry skopeo umoci openssl
)
# npm test and npm run build besides: the native build and its tests, the fuzz targets (clang's
# libFuzzer), the registries with logins (htpasswd), the browser tests (Chromium).
packages=(
  "${start_packages[@]}"
  build-essential pkg-config
  clang libclang-rt-14-dev
  libsodium-dev googletest libgtest-dev
  apache2-utils
  chromium
)
case "${1:-}" in
  start) packages=("${start_packages[@]}") ;;
  --print-packages) [ "${2:-}" != start ] || packages=("${start_packages[@]}"); printf '%s\n' "${packages[@]}"; exit 0 ;;
esac

# One dpkg-query for all of them (one per package cost a second and a half on every run).
installed=" $({ dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true; } | awk '$2 == "ii" { printf "%s ", $1 }') "
missing=()
for p in "${packages[@]}"; do
  [[ "$installed" == *" $p "* ]] || missing+=("$p")
done

APT_DIR=${ISIMPORT_APT_DIR:-/etc/apt}
have_src() { grep -rqsE '^[[:space:]]*(Types:.*deb-src|deb-src[[:space:]])' "$APT_DIR/sources.list" "$APT_DIR/sources.list.d/" 2>/dev/null; }

# deb-src entries for this machine's own Debian archive: every enabled deb entry of the release
# (its Suites name the codename: bookworm, bookworm-updates, bookworm-security), with the same
# URIs, suites, components and keyring, so set-up works behind whatever mirror the machine uses.
# deb822 stanzas (*.sources) print as deb822, one-line entries (*.list) as one-line entries.
derive_deb_src() { # derive_deb_src sources|list
  local codename
  codename=$(. "${ISIMPORT_OS_RELEASE:-/etc/os-release}" && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || return 0
  if [ "$1" = sources ]; then
    for f in "$APT_DIR"/sources.list.d/*.sources; do
      [ -f "$f" ] && [ "$(basename "$f")" != isimport-src.sources ] || continue
      awk -v cn="$codename" 'BEGIN { RS = ""; ORS = "\n\n" } {
        n = split($0, line, "\n"); deb = 0; release = 0; out = ""
        for (i = 1; i <= n; i++) {
          if (line[i] ~ /^Types:/) { k = split(line[i], t, /[ \t]+/); for (j = 2; j <= k; j++) if (t[j] == "deb") deb = 1; line[i] = "Types: deb-src" }
          if (line[i] ~ /^Suites:/) { k = split(line[i], t, /[ \t]+/); for (j = 2; j <= k; j++) if (index(t[j], cn) == 1) release = 1 }
          if (line[i] ~ /^Enabled:[ \t]*no/) deb = 0
          if (line[i] !~ /^#/) out = out line[i] "\n"
        }
        if (deb && release) printf "%s\n", out
      }' "$f"
    done
  else
    for f in "$APT_DIR/sources.list" "$APT_DIR"/sources.list.d/*.list; do
      [ -f "$f" ] && [ "$(basename "$f")" != isimport-src.list ] || continue
      awk -v cn="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if (index($i, cn) == 1) { $1 = "deb-src"; print; next } }' "$f"
    done
  fi
}

if [ "${1:-}" = --print-deb-src ]; then # for the tests: what would be written
  derive_deb_src sources
  derive_deb_src list
  exit 0
fi

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

if ! have_src; then
  # The wasm libsodium is built from Debian's own source package, which needs a deb-src line.
  stanzas=$(derive_deb_src sources)
  lines=$(derive_deb_src list)
  if [ -z "$stanzas$lines" ]; then
    echo "setup: no Debian deb entry of this release in $APT_DIR to derive a deb-src line from; add one for libsodium's source package" >&2
    exit 1
  fi
  [ -z "$stanzas" ] || printf '%s\n' "$stanzas" | $SUDO tee "$APT_DIR/sources.list.d/isimport-src.sources" >/dev/null
  [ -z "$lines" ] || printf '%s\n' "$lines" | $SUDO tee "$APT_DIR/sources.list.d/isimport-src.list" >/dev/null
  NEED_UPDATE=1
fi
# A deb-src line without its index (an earlier run stopped before apt-get update) needs one too.
compgen -G '/var/lib/apt/lists/*_source_Sources*' >/dev/null || NEED_UPDATE=1

if [ ${#missing[@]} -gt 0 ] || [ -n "${NEED_UPDATE:-}" ]; then
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

#!/usr/bin/env bash
# Installs the Debian packages isimport needs. Idempotent: does nothing when all are present.
set -euo pipefail

packages=(
  build-essential cmake ccache pkg-config
  emscripten
  nlohmann-json3-dev libsodium-dev googletest libgtest-dev
  autoconf automake libtool dpkg-dev
  docker-registry skopeo umoci apache2-utils openssl
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

have_src() { grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

if ! have_src; then
  # The wasm libsodium is built from Debian's own source package, which needs a deb-src line.
  echo "Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" | $SUDO tee /etc/apt/sources.list.d/isimport-src.sources >/dev/null
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

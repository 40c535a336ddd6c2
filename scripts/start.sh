#!/usr/bin/env bash
# `npm start`: set-up, build, then a first real import, offline:
#   1. the demo registry (Debian's docker-registry on a free 127.0.0.1 port, CORS headers, images
#      built offline) in the background — bash scripts/demo-registry.sh --detach (reused if running);
#   2. a demo ImageStreamImport written to build/demo-spec.yaml: a multi-platform image
#      (PreserveOriginal), a Docker image and a repository of 60+ tags, all importPolicy.insecure
#      (the registry is plain HTTP on loopback);
#   3. `isimport import -f build/demo-spec.yaml` → build/demo-result.json, and a short summary;
#   4. the page (dist/, served by Vite's preview on loopback) and one URL that opens it with the
#      demo spec in it, importing at once; it runs until Ctrl-C (scripts/serve-page.mjs).
# It builds only what these need: the two wasm modules and the site (`build.sh modules site`), not
# the native core, its tests or the checked modules (`npm test` and `npm run build` build those).
# What does not wait on each other runs side by side (a background step's output goes to
# build/start/<step>.log, shown if it fails): the npm packages beside everything up to the site;
# the Debian packages start needs (`setup-apt.sh start`: not Chromium, GoogleTest or the native
# toolchain, which `npm test` installs); then the demo registry beside the wasm modules (libsodium
# beside the validation module, then the import module); then the site (it bundles the modules)
# beside the demo import; then the page. Each step says when it is done and how long it took, and
# the last line before the URL sums them up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LOGS=build/start
mkdir -p "$LOGS" build/demo-registry
now_us() { local t=${EPOCHREALTIME//[.,]/}; echo "${t#0}"; }
seconds_since() { local us=$(( ${2:-$(now_us)} - $1 )); printf '%d.%d' $((us / 1000000)) $((us / 100000 % 10)); }
T0=$(now_us)
times=()
say() { echo "start: $*"; }
took() { times+=("$1 $2 s"); say "$1 done in $2 s"; }

declare -A PIDS STARTED
background() { # background NAME COMMAND…: runs it with its output in build/start/NAME.log
  local name=$1
  shift
  say "$name … (in the background, log: $LOGS/$name.log)"
  STARTED[$name]=$(now_us)
  rm -f "$LOGS/$name.end"
  { "$@" >"$LOGS/$name.log" 2>&1 </dev/null && now_us >"$LOGS/$name.end"; } &
  PIDS[$name]=$!
}
await() { # await NAME: waits for a background step; on failure shows its log and stops
  local name=$1 end
  if ! wait "${PIDS[$name]}"; then
    say "$name FAILED; its log ($LOGS/$name.log):" >&2
    tail -n 80 "$LOGS/$name.log" >&2
    exit 1
  fi
  end=$(cat "$LOGS/$name.end")
  took "$name" "$(seconds_since "${STARTED[$name]}" "$end")"
}
# A failure stops the steps still running in the background (the demo registry, once started,
# stays: bash scripts/demo-registry.sh --stop).
trap 'for p in "${PIDS[@]}"; do pkill -TERM -P "$p" 2>/dev/null; kill "$p" 2>/dev/null; done; true' EXIT

# npm needs nothing from apt (Node is the machine's): it installs while apt does.
background npm-packages bash scripts/setup.sh npm
t=$(now_us)
say "Debian packages (scripts/setup-apt.sh start) …"
bash scripts/setup-apt.sh start
took "Debian packages" "$(seconds_since "$t")"

background demo-registry bash scripts/demo-registry.sh --detach

t=$(now_us)
bash scripts/build.sh modules
took "wasm modules" "$(seconds_since "$t")"

await npm-packages
background site bash scripts/build.sh site

await demo-registry
cat "$LOGS/demo-registry.log"
url=$(cat build/demo-registry/url)

node scripts/serve-page.mjs --registry "$url" --write-spec build/demo-spec.yaml

echo
echo "\$ isimport import -f build/demo-spec.yaml > build/demo-result.json"
start=$(date +%s%N)
rc=0
node web/cli/isimport.js import -f build/demo-spec.yaml >build/demo-result.json || rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
if [ "$rc" -ne 0 ]; then
  echo "start: isimport import failed (exit $rc):" >&2
  cat build/demo-result.json >&2
  exit 1
fi

node --input-type=module - build/demo-result.json "$ms" <<'EOF'
// A short human summary of the answer (the whole of it is in build/demo-result.json).
import { readFileSync } from 'node:fs';
const [file, ms] = process.argv.slice(2);
const answer = JSON.parse(readFileSync(file, 'utf8'));
const platform = (m) => [m.os, m.architecture, m.variant].filter(Boolean).join('/');
const line = (s) => console.log(s);
line(`\nimported in ${(Number(ms) / 1000).toFixed(1)} s (wall clock, including start-up, beside the site's build) → ${file}`);
answer.spec.images.forEach((spec, i) => {
  const s = answer.status.images[i];
  line(`\n  ${spec.from.name}  (${spec.importPolicy?.importMode ?? 'Legacy'})`);
  if (s.status.status !== 'Success') return line(`    ${s.status.reason}: ${s.status.message}`);
  const img = s.image;
  line(`    tag ${s.tag ?? '(none)'}  digest ${img.metadata.name}`);
  if (img.dockerImageManifests?.length) {
    line(`    manifest list: ${img.dockerImageManifests.map(platform).join(', ')}`);
    img.dockerImageManifests.forEach((m, k) => {
      const child = s.manifests?.[k];
      const about = child ? `  ${child.dockerImageMetadata.Size} bytes, ${child.dockerImageLayers.length} layer(s)` : '';
      line(`      ${platform(m).padEnd(15)} ${m.digest}${about}`);
    });
  } else {
    const md = img.dockerImageMetadata;
    line(`    ${md.Architecture}  ${md.Size} bytes, ${img.dockerImageLayers.length} layer(s), ${img.dockerImageManifestMediaType}`);
  }
});
const repo = answer.status.repository;
if (repo) {
  line(`\n  ${answer.spec.repository.from.name}  (repository)`);
  if (repo.status.status !== 'Success' && !repo.images) {
    line(`    ${repo.status.reason}: ${repo.status.message}`);
  } else {
    const ok = repo.images.filter((s) => s.status.status === 'Success').length;
    const digests = new Set(repo.images.map((s) => s.image?.metadata.name).filter(Boolean));
    line(`    imported ${repo.images.length} tags (${ok} ok, ${digests.size} distinct images), additional ${repo.additionalTags?.length ?? 0}`);
    line(`    first: ${repo.images.slice(0, 8).map((s) => s.tag).join(', ')}, …`);
    if (repo.additionalTags?.length) line(`    additional: ${repo.additionalTags.slice(0, 6).join(', ')}${repo.additionalTags.length > 6 ? ', …' : ''}`);
  }
}
EOF

echo
await site
say "ready in $(seconds_since "$T0") s: $(IFS=,; echo "${times[*]}" | sed 's/,/, /g')"

echo
echo "Try next:"
try() { printf '  %-52s # %s\n' "$1" "$2"; }
try "npx isimport import -f build/demo-spec.yaml -o yaml" "the whole answer, as YAML"
try "npx isimport import --help" "every flag: --platform, --max-tags, --auth-file …"
try "npx isimport validate examples/" "offline validation, as the API server does it"
try "curl -s $url/v2/_catalog" "the demo registry ($url)"
try "bash scripts/demo-registry.sh --stop" "stop the demo registry"
echo
trap - EXIT
exec node scripts/serve-page.mjs --registry "$url"

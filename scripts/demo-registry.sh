#!/usr/bin/env bash
# The demo registry: Debian's docker-registry on a free 127.0.0.1 port (anonymous, plain HTTP, CORS
# headers), filled with demo images built offline (umoci + skopeo; no internet):
#   demo/web       multi-platform OCI index (linux/amd64, linux/arm64/v8, linux/arm/v7)
#   demo/list      the same as a Docker manifest list
#   demo/tools     Docker schema2 image
#   demo/app       OCI image with a rich config (env, entrypoint, ports, volumes, labels, user…)
#   demo/versions  67 tags of mixed shapes over 44 digests
#
# usage: scripts/demo-registry.sh [--port N]            run in the foreground until Ctrl-C
#        scripts/demo-registry.sh --detach [--port N]   start in the background (or reuse a running
#                                                       one), print its URL, return
#        scripts/demo-registry.sh --stop                stop the background one
# State in build/demo-registry/: url (written once ready), pid, record.json (every tag and digest),
# log (background runs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STATE=build/demo-registry
mode=foreground
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --detach) mode=detach ;;
    --stop) mode=stop ;;
    --port) args+=(--port "$2"); shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo-registry: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

running_pid() { # the pid of a live demo registry started by this script, if any
  local pid
  [ -f "$STATE/pid" ] || return 1
  pid=$(cat "$STATE/pid")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -qs 'demo.mjs' "/proc/$pid/cmdline" || return 1
  echo "$pid"
}

if [ "$mode" = stop ]; then
  if pid=$(running_pid); then
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "demo registry stopped (pid $pid)"
  else
    echo "demo registry: not running"
  fi
  exit 0
fi

missing=()
for tool in docker-registry skopeo umoci node; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "demo-registry: missing ${missing[*]}; run: bash scripts/setup-apt.sh" >&2
  exit 1
fi
mkdir -p "$STATE"

if [ "$mode" = foreground ]; then
  exec node e2e/registry/demo.mjs ${args[@]+"${args[@]}"}
fi

# --detach
if pid=$(running_pid) && [ -f "$STATE/url" ] && node -e 'fetch(process.argv[1] + "/v2/").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$(cat "$STATE/url")"; then
  echo "demo registry already running (pid $pid): $(cat "$STATE/url")"
  exit 0
fi
rm -f "$STATE/url"
setsid nohup node e2e/registry/demo.mjs ${args[@]+"${args[@]}"} >"$STATE/log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 600); do
  [ -f "$STATE/url" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "demo-registry: failed to start:" >&2
    cat "$STATE/log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ ! -f "$STATE/url" ]; then
  echo "demo-registry: not ready after 60 s; see $STATE/log" >&2
  kill -TERM "$pid" 2>/dev/null || true
  exit 1
fi
cat "$STATE/log"
echo "demo registry running in the background (pid $pid); stop it with: bash scripts/demo-registry.sh --stop"

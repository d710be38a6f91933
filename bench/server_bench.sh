#!/usr/bin/env bash
# Built-in registry vs docker-registry 2.8.2, same machine, same run:
#   manifest GET by tag under wrk -t2 -c32 -d10s, 1 GiB monolithic blob push
#   and pull with curl, idle RSS and RSS under load.
# Usage: bench/server_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { local p; while :; do p=$((20000 + RANDOM % 30000)); (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

head -c $((1024 * 1024 * 1024)) /dev/urandom > "$work/blob"
digest="sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)"
printf '{}' > "$work/config"
config_digest="sha256:$(sha256sum "$work/config" | cut -d' ' -f1)"

upload() { # base url, repository, file, digest
  local loc sep
  loc=$(curl -sf -X POST -D - "$1/v2/$2/blobs/uploads/" -o /dev/null | awk -F': ' 'tolower($1)=="location"{print $2}' | tr -d '\r')
  case "$loc" in http*) ;; *) loc="$1$loc";; esac
  sep='?'; case "$loc" in *\?*) sep='&';; esac
  curl -sf -X PUT -T "$3" -H 'Content-Type: application/octet-stream' "$loc${sep}digest=$4" -o /dev/null
}

bench_one() { # name, base url, pid
  local name=$1 url=$2 pid=$3
  echo "== $name"
  echo "idle RSS: $(rss_mb "$pid") MB"
  # 1 GiB monolithic push (POST for a location, one PUT with the whole body).
  local t0 t1
  sync  # no dirty backlog from earlier steps: each engine starts from the same state
  t0=$(date +%s.%N)
  upload "$url" bench/blob "$work/blob" "$digest"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "1 GiB push: %.2f s, %.0f MB/s\n", b-a, 1073.741824/(b-a) }'
  t0=$(date +%s.%N)
  curl -sf "$url/v2/bench/blob/blobs/$digest" -o /dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "1 GiB pull: %.2f s, %.0f MB/s\n", b-a, 1073.741824/(b-a) }'
  # A small image to GET by tag.
  upload "$url" bench/app "$work/config" "$config_digest"
  local manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"$config_digest\",\"size\":2},\"layers\":[]}"
  curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data "$manifest" "$url/v2/bench/app/manifests/latest" -o /dev/null
  wrk -t2 -c32 -d10s -H 'Accept: application/vnd.oci.image.manifest.v1+json' "$url/v2/bench/app/manifests/latest" > "$work/wrk" &
  local wrk_pid=$!
  sleep 5; local loaded; loaded=$(rss_mb "$pid")
  wait $wrk_pid
  grep -E 'Requests/sec' "$work/wrk"
  echo "RSS under load: $loaded MB"
}

port=$(free_port)
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/dist" "$port" > "$work/config.yml"
docker-registry serve "$work/config.yml" >/dev/null 2>&1 & pids+=($!); dist_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
bench_one "docker-registry 2.8.2" "http://127.0.0.1:$port" "$dist_pid"
kill "$dist_pid"

port=$(free_port)
"$build/app/berth-registry/berth-registry" serve --root "$work/berth" --addr "127.0.0.1:$port" 2>/dev/null & pids+=($!); berth_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
bench_one "berth-registry" "http://127.0.0.1:$port" "$berth_pid"

#!/usr/bin/env bash
# The mirror: berth-registry with a proxy block vs docker-registry 2.8.2 in
# proxy mode (the same block), both in front of one docker-registry 2.8.2
# upstream, all on loopback, same run:
#   cold pull of a 1 GiB blob through each mirror vs a direct pull from the
#   upstream (median of three different blobs), warm pull (the same blobs
#   again), and 20 concurrent cold pulls of one 256 MiB blob: total time vs
#   one cold pull of another 256 MiB blob, and how many times the upstream
#   was asked for the blob (its access log).
# Usage: bench/mirror_bench.sh [BUILD_DIR=build/release]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
. bench/server_common.sh
wait_up() { for _ in $(seq 100); do curl -fs "$1/v2/" >/dev/null && return; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b-a }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# The upstream, with its access log: the count of blob GETs it served.
up_port=$(free_port)
upstream="http://127.0.0.1:$up_port"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/upstream" "$up_port" > "$work/upstream.yml"
docker-registry serve "$work/upstream.yml" >"$work/upstream.log" 2>&1 & pids+=($!)
wait_up "$upstream"

declare -A digest size
for name in big1 big2 big3 shared single; do
  case $name in big*) mib=1024;; *) mib=256;; esac
  head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/$name"
  digest[$name]="sha256:$(sha256sum "$work/$name" | cut -d' ' -f1)"
  size[$name]=$((mib * 1024 * 1024))
  upload "$upstream" bench/blob "$work/$name" "${digest[$name]}"
  rm -f "$work/$name"
done
upstream_gets() { grep -c "\"GET /v2/bench/blob/blobs/${digest[$1]} " "$work/upstream.log" || true; }

pull() { # base url, blob name -> seconds
  local t0 t1
  # This VM's host backs guest memory lazily (see server_bench.sh): a cold
  # pull writes the blob into the mirror's page cache, so pages are
  # touched and freed first, and no engine pays that inside its pull.
  sync
  dd if=/dev/zero of="$work/warm" bs=2M count=600 status=none; rm -f "$work/warm"
  t0=$(now)
  curl -sf "$1/v2/bench/blob/blobs/${digest[$2]}" -o /dev/null
  t1=$(now)
  secs "$t0" "$t1"
}

report() { # label, blob bytes, seconds...
  local label=$1 bytes=$2; shift 2
  local m; m=$(median "$@")
  awk -v l="$label" -v m="$m" -v b="$bytes" -v all="$*" \
    'BEGIN { printf "%-34s %6.2f s median (%s), %5.0f MB/s\n", l, m, all, b / 1e6 / m }'
}

echo "== direct from the upstream (docker-registry 2.8.2)"
times=(); for b in big1 big2 big3; do times+=("$(pull "$upstream" "$b")"); done
report "1 GiB pull, direct" "${size[big1]}" "${times[@]}"

mirror_run() { # label, base url
  local label=$1 url=$2 times=() before t0 t1 i
  echo "== $label"
  times=(); for b in big1 big2 big3; do times+=("$(pull "$url" "$b")"); done
  report "1 GiB cold pull" "${size[big1]}" "${times[@]}"
  times=(); for b in big1 big2 big3; do times+=("$(pull "$url" "$b")"); done
  report "1 GiB warm pull" "${size[big1]}" "${times[@]}"
  report "256 MiB cold pull, one client" "${size[single]}" "$(pull "$url" single)"
  before=$(upstream_gets shared)
  t0=$(now)
  local clients=()
  for i in $(seq 20); do
    curl -sf -w '%{size_download}\n' "$url/v2/bench/blob/blobs/${digest[shared]}" -o /dev/null > "$work/shared.$i" & clients+=($!)
  done
  local failed=0
  for p in "${clients[@]}"; do wait "$p" || failed=$((failed + 1)); done
  t1=$(now)
  local whole=0
  for i in $(seq 20); do
    [ "$(cat "$work/shared.$i")" = "${size[shared]}" ] && whole=$((whole + 1))
  done
  # (That every client gets the same, right bytes is a test's work:
  # Mirror.ManyClientsStreamOneFillAndOneMayLeave.)
  printf '%-34s %6.2f s, %d of 20 whole, %d failed, upstream GETs of it: %d\n' \
    "20 concurrent cold pulls, 256 MiB" "$(secs "$t0" "$t1")" "$whole" "$failed" \
    "$(( $(upstream_gets shared) - before ))"
  # The same 20 pulls warm: what serving 5 GiB costs this machine.
  t0=$(now)
  clients=()
  for i in $(seq 20); do
    curl -sf "$url/v2/bench/blob/blobs/${digest[shared]}" -o /dev/null & clients+=($!)
  done
  for p in "${clients[@]}"; do wait "$p"; done
  t1=$(now)
  printf '%-34s %6.2f s\n' "20 concurrent warm pulls, 256 MiB" "$(secs "$t0" "$t1")"
}

port=$(free_port)
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\nproxy:\n  remoteurl: %s\n' "$work/dist" "$port" "$upstream" > "$work/dist.yml"
docker-registry serve "$work/dist.yml" >/dev/null 2>&1 & pids+=($!); dist_pid=$!
wait_up "http://127.0.0.1:$port"
mirror_run "docker-registry 2.8.2, proxy mode" "http://127.0.0.1:$port"
kill "$dist_pid"; wait "$dist_pid" 2>/dev/null || true
rm -rf "$work/dist"

port=$(free_port)
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nproxy:\n  remoteurl: %s\n' "$work/berth" "$upstream" > "$work/berth.yml"
"$build/app/berth-registry/berth-registry" serve "$work/berth.yml" --addr "127.0.0.1:$port" 2>/dev/null & pids+=($!)
wait_up "http://127.0.0.1:$port"
mirror_run "berth-registry mirror" "http://127.0.0.1:$port"
